package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.event.PaymentStatusChanged;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import io.payflow.core.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each outcome a channel reports does to a payment and its order. */
class PaymentOutcomeTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private Payment payment(String orderNo, String paymentNo) {
    return shop.record(orderNo).payment(paymentNo).orElseThrow();
  }

  private String secondPayment(Order order) {
    return shop.flow
        .startPayment(
            new StartPaymentRequest(order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null))
        .payment()
        .paymentNo();
  }

  @Test
  void closedOutcomeClosesThePaymentAndLeavesTheOrderPayable() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    long version = shop.record(order.orderNo()).version();

    Order after =
        shop.flow.handlePaymentResult(
            TestData.queried(paymentNo, PaymentOutcome.CLOSED, "CLOSED", "已关闭"));
    shop.flow.handlePaymentResult(
        TestData.queried(paymentNo, PaymentOutcome.CLOSED, "CLOSED", "again"));

    assertThat(after.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    Payment closed = payment(order.orderNo(), paymentNo);
    assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(closed.failureCode()).isEqualTo("CLOSED");
    assertThat(closed.failureReason()).isEqualTo("已关闭");
    assertThat(shop.record(order.orderNo()).version())
        .as("the repeat wrote nothing")
        .isEqualTo(version + 1);
    assertThat(TestData.arrows(shop.store, order.orderNo()))
        .containsSubsequence("PS->>WP: 查询支付结果", "WP-->>PS: 返回支付结果");
    assertThat(shop.events.of(PaymentStatusChanged.class))
        .filteredOn(e -> e.to() == PaymentStatus.CLOSED)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.from()).isEqualTo(PaymentStatus.PREPAID);
              assertThat(e.cause()).isEqualTo("query");
            });
  }

  @Test
  void closedOutcomeDoesNotUndoASuccess() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();

    shop.flow.handlePaymentResult(
        TestData.queried(paymentNo, PaymentOutcome.CLOSED, "CLOSED", "已关闭"));

    assertThat(payment(order.orderNo(), paymentNo).status()).isEqualTo(PaymentStatus.SUCCEEDED);
  }

  @Test
  void notFoundGivesUpAPaymentThatNeverReachedTheChannel() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          throw new ChannelException(ChannelErrorKind.UNKNOWN_OUTCOME, null, "read timed out");
        };
    assertThatThrownBy(() -> shop.pay(order)).isInstanceOf(PrepayFailedException.class);
    String paymentNo = shop.record(order.orderNo()).payments().get(0).paymentNo();
    assertThat(payment(order.orderNo(), paymentNo).status()).isEqualTo(PaymentStatus.UNKNOWN);
    // past the prepay grace: a not-found within it settles nothing (the prepay may be in flight)
    shop.clock.advance(PayFlowConfig.DEFAULT_PREPAY_GRACE.plusMinutes(1));

    shop.flow.handlePaymentResult(
        TestData.queried(paymentNo, PaymentOutcome.NOT_FOUND, "ORDER_NOT_EXIST", "不存在"));

    Payment given = payment(order.orderNo(), paymentNo);
    assertThat(given.status()).isEqualTo(PaymentStatus.PREPAY_FAILED);
    assertThat(given.failureCode()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(given.failureReason()).isEqualTo("the channel has no such payment");
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(TestData.arrows(shop.store, order.orderNo()))
        .endsWith("PS->>WP: 查询支付结果", "WP-->>PS: 返回支付结果");
  }

  @Test
  void notFoundLeavesAPrepaidPaymentAlone() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    long version = shop.record(order.orderNo()).version();

    shop.flow.handlePaymentResult(
        TestData.queried(paymentNo, PaymentOutcome.NOT_FOUND, "ORDER_NOT_EXIST", "不存在"));

    assertThat(payment(order.orderNo(), paymentNo).status()).isEqualTo(PaymentStatus.PREPAID);
    assertThat(shop.record(order.orderNo()).version()).isEqualTo(version);
  }

  @Test
  void failureOfOnePaymentLeavesTheOrderPayableWhileAnotherIsOpen() {
    Order order = shop.order(1);
    String first = shop.pay(order).payment().paymentNo();
    String second = secondPayment(order);

    shop.flow.handlePaymentResult(FakeChannel.failure(first, order.totalAmount()));
    shop.settle();

    assertThat(payment(order.orderNo(), first).status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(payment(order.orderNo(), second).status()).isEqualTo(PaymentStatus.PREPAID);
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(shop.inventory.releases(order.orderNo())).isZero();
    assertThat(shop.sms.delivered).isEmpty();

    shop.flow.handlePaymentResult(FakeChannel.failure(second, order.totalAmount()));
    shop.settle();

    Order failed = shop.record(order.orderNo()).order();
    assertThat(failed.status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(failed.failureReason())
        .isEqualTo("支付失败 / payment failed: PAYERROR (the payer's bank declined)");
    assertThat(failed.closedAt()).isEqualTo(shop.clock.instant());
    assertThat(shop.inventory.releases(order.orderNo())).isEqualTo(1);
  }

  @Test
  void failureWithoutAMessageSaysOnlyTheChannelState() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    shop.flow.handlePaymentResult(
        TestData.queried(paymentNo, PaymentOutcome.FAILED, "PAYERROR", null));

    assertThat(shop.record(order.orderNo()).order().failureReason())
        .isEqualTo("支付失败 / payment failed: PAYERROR");
    assertThat(payment(order.orderNo(), paymentNo).failureCode()).isEqualTo("PAYERROR");
  }

  @Test
  void failureAfterASuccessChangesNothing() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();
    long version = shop.record(order.orderNo()).version();

    Order after =
        shop.flow.handlePaymentResult(FakeChannel.failure(paymentNo, order.totalAmount()));

    assertThat(after.status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.record(order.orderNo()).version()).isEqualTo(version);
  }

  @Test
  void successReportingZeroFenIsNotTrusted() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    assertThatThrownBy(() -> shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, 0)))
        .isInstanceOfSatisfying(
            PaymentAmountMismatchException.class,
            e -> {
              assertThat(e.paymentNo()).isEqualTo(paymentNo);
              assertThat(e.expected()).isEqualTo(order.totalAmount());
              assertThat(e.reported()).isZero();
            });
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThatThrownBy(() -> shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, 7)))
        .isInstanceOfSatisfying(
            PaymentAmountMismatchException.class, e -> assertThat(e.reported()).isEqualTo(7));
  }

  @Test
  void successWithoutAnAmountOrATimeIsPaidNow() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    Order paid = shop.flow.handlePaymentResult(TestData.paidWithoutTime(paymentNo, -1));
    shop.settle();

    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.paidAt()).isEqualTo(shop.clock.instant());
    Payment p = payment(order.orderNo(), paymentNo);
    assertThat(p.paidAt()).isEqualTo(shop.clock.instant());
    assertThat(p.transactionId()).isEqualTo("4200000" + paymentNo);
  }

  @Test
  void refundedOutcomeCountsAsPaid() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    Order after =
        shop.flow.handlePaymentResult(
            FakeChannel.result(
                paymentNo,
                PaymentOutcome.REFUNDED,
                order.totalAmount(),
                PaymentResult.Source.QUERY));
    shop.settle();

    assertThat(after.status()).isEqualTo(OrderStatus.PAID);
    assertThat(shop.events.of(OrderStatusChanged.class))
        .filteredOn(e -> e.to() == OrderStatus.PAID)
        .singleElement()
        .satisfies(e -> assertThat(e.cause()).isEqualTo("query"));
  }

  @Test
  void pendingOutcomeRecordsNothing() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    long version = shop.record(order.orderNo()).version();

    shop.flow.handlePaymentResult(FakeChannel.pending(paymentNo));

    assertThat(shop.record(order.orderNo()).version()).isEqualTo(version);
  }

  @Test
  void successClosesEveryOtherOpenPaymentButNotAFailedOne() {
    Order order = shop.order(1);
    String first = shop.pay(order).payment().paymentNo();
    String second = secondPayment(order);
    shop.flow.handlePaymentResult(FakeChannel.failure(first, order.totalAmount()));
    String third =
        shop.flow
            .startPayment(
                new StartPaymentRequest(order.orderNo(), FakeChannel.ID, TradeType.APP, null, null))
            .payment()
            .paymentNo();

    shop.flow.handlePaymentResult(FakeChannel.success(third, order.totalAmount()));
    shop.settle();

    assertThat(shop.channel.closes).containsExactly(second);
    assertThat(payment(order.orderNo(), first).status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(payment(order.orderNo(), second).status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .contains("PS->>WP: 关闭支付订单 @alt:订单创建成功/alt:微信下单成功/alt:支付成功/par:并行处理/and:close-" + second);
  }

  @Test
  void successByQueryIsTracedAsAQueryAndNotAnsweredAsACallback() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    shop.flow.handlePaymentResult(
        FakeChannel.result(
            paymentNo, PaymentOutcome.SUCCEEDED, order.totalAmount(), PaymentResult.Source.QUERY));
    shop.settle();

    assertThat(TestData.arrows(shop.store, order.orderNo()))
        .contains("PS->>WP: 查询支付结果", "WP-->>PS: 返回支付结果", "PS->>OS: 更新订单状态为已支付")
        .doesNotContain("WP->>PS: 支付结果回调", "PS-->>WP: 确认回调处理成功");
  }

  @Test
  void resultWithoutAPaymentNumberOrAnOutcomeIsRefusedByName() {
    assertThatThrownBy(() -> shop.flow.handlePaymentResult(null))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("result"));
    assertThatThrownBy(
            () -> shop.flow.handlePaymentResult(TestData.forPayment(FakeChannel.pending("x"), " ")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("paymentNo"));
    assertThatThrownBy(() -> shop.flow.handlePaymentResult(TestData.withoutOutcome("x")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("outcome"));
    assertThatThrownBy(() -> shop.flow.handlePaymentResult(FakeChannel.pending("NOPE")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void failureByCallbackIsTracedAsACallback() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    shop.flow.handlePaymentResult(FakeChannel.failure(paymentNo, order.totalAmount()));
    shop.settle();

    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .containsSubsequence(
            "WP->>PS: 支付结果回调 @alt:订单创建成功/alt:微信下单成功",
            "PS->>OS: 更新订单状态为支付失败 @alt:订单创建成功/alt:微信下单成功/else:支付失败",
            "OS->>OS: 释放锁定库存 @alt:订单创建成功/alt:微信下单成功/else:支付失败");
  }
}
