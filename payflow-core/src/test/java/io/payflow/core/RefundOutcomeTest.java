package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.event.RefundStatusChanged;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import io.payflow.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the channel's word on a refund does to the refund and its order. */
class RefundOutcomeTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private Order paidOrder() {
    Order order = shop.order(2);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();
    return order;
  }

  private Refund refundOf(String orderNo, String refundNo) {
    return shop.record(orderNo).refund(refundNo).orElseThrow();
  }

  private void callback(Refund refund, RefundStatus status, String state) {
    shop.flow.handleCallback(
        FakeChannel.ID,
        shop.channel.signed(
            new CallbackEvent.RefundNotified(
                TestData.refundResult(refund.refundNo(), refund.paymentNo(), status, state))));
    shop.settle();
  }

  private void channelRefundsAre(RefundStatus status) {
    shop.channel.onRefund = r -> TestData.refundResult(r.refundNo(), r.paymentNo(), status, "X");
  }

  @Test
  void repeatedAndStaleRefundResultsChangeNothing() {
    Order order = paidOrder();
    channelRefundsAre(RefundStatus.PROCESSING);
    Refund refund = shop.flow.refund(order.orderNo(), 2_000, "退货");
    shop.settle();
    long version = shop.record(order.orderNo()).version();

    callback(refund, RefundStatus.PROCESSING, "PROCESSING");
    callback(refund, RefundStatus.CREATED, "CREATED");
    assertThat(shop.record(order.orderNo()).version()).isEqualTo(version);

    callback(refund, RefundStatus.SUCCEEDED, "SUCCESS");
    callback(refund, RefundStatus.FAILED, "ABNORMAL");
    callback(refund, RefundStatus.PROCESSING, "PROCESSING");

    assertThat(refundOf(order.orderNo(), refund.refundNo()).status())
        .isEqualTo(RefundStatus.SUCCEEDED);
    Order refunded = shop.record(order.orderNo()).order();
    assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(refunded.refundedAmount()).isEqualTo(2_000);
    assertThat(shop.sms.deliveredTypes())
        .containsExactly(NotificationType.PAYMENT_SUCCEEDED, NotificationType.REFUNDED);
  }

  @Test
  void failedRefundStaysFailedWhateverComesAfter() {
    Order order = paidOrder();
    channelRefundsAre(RefundStatus.FAILED);
    Refund refund = shop.flow.refund(order.orderNo(), 2_000, "退货");
    shop.settle();

    callback(refund, RefundStatus.SUCCEEDED, "SUCCESS");

    assertThat(refundOf(order.orderNo(), refund.refundNo()).status())
        .isEqualTo(RefundStatus.FAILED);
    assertThat(shop.record(order.orderNo()).order().refundedAmount()).isZero();
  }

  @Test
  void processingRefundKeepsTheChannelsIdAndTheOrderRefunding() {
    Order order = paidOrder();
    channelRefundsAre(RefundStatus.PROCESSING);

    Refund refund = shop.flow.refund(order.orderNo(), 2_000, "退货");
    shop.settle();

    Refund processing = refundOf(order.orderNo(), refund.refundNo());
    assertThat(processing.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(processing.channelRefundId()).isEqualTo("wxr" + refund.refundNo());
    assertThat(processing.completedAt()).isNull();
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.REFUNDING);
    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .contains(
            "API->>PS: 申请退款 @alt:订单创建成功/alt:退款",
            "PS->>WP: 调用微信支付退款 @alt:订单创建成功/alt:退款",
            "WP-->>PS: 返回退款结果 @alt:订单创建成功/alt:退款");
    assertThat(shop.events.of(RefundStatusChanged.class))
        .extracting(RefundStatusChanged::from, RefundStatusChanged::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, RefundStatus.CREATED),
            org.assertj.core.groups.Tuple.tuple(RefundStatus.CREATED, RefundStatus.PROCESSING));

    callback(refund, RefundStatus.SUCCEEDED, "SUCCESS");

    Refund done = refundOf(order.orderNo(), refund.refundNo());
    assertThat(done.completedAt()).isEqualTo(shop.clock.instant());
    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .containsSubsequence(
            "WP->>PS: 退款结果回调 @alt:订单创建成功/alt:退款",
            "PS->>OS: 更新订单状态为已退款 @alt:订单创建成功/alt:退款",
            "PS-->>WP: 确认回调处理成功 @alt:订单创建成功/alt:退款");
  }

  @Test
  void refundKeepsTheTimeTheChannelSaysTheMoneyWasBack() {
    Order order = paidOrder();
    Instant back = Instant.parse("2025-01-01T03:00:00Z");
    shop.channel.onRefund =
        r ->
            new RefundResult(
                r.refundNo(), r.paymentNo(), RefundStatus.SUCCEEDED, "wxr1", "SUCCESS", back);

    Refund refund = shop.flow.refund(order.orderNo(), 500, "少发一件");
    shop.settle();

    assertThat(refundOf(order.orderNo(), refund.refundNo()).completedAt()).isEqualTo(back);
    assertThat(TestData.arrows(shop.store, order.orderNo())).contains("PS->>OS: 更新订单状态为部分退款");
    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .doesNotContain("PS-->>WP: 确认回调处理成功 @alt:订单创建成功/alt:退款");
  }

  @Test
  void refusedRefundAfterAPartialOneLeavesTheOrderPartiallyRefunded() {
    Order order = paidOrder();
    shop.flow.refund(order.orderNo(), 500, "少发一件");
    shop.settle();
    channelRefundsAre(RefundStatus.FAILED);

    shop.flow.refund(order.orderNo(), 1_500, "退货");
    shop.settle();

    Order after = shop.record(order.orderNo()).order();
    assertThat(after.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(after.refundedAmount()).isEqualTo(500);
    assertThat(TestData.arrows(shop.store, order.orderNo())).contains("PS->>OS: 退款失败，恢复订单状态");
  }

  @Test
  void refusedRefundBeforeFulfilmentStartedReturnsTheOrderToPaid() {
    AtomicInteger tries = new AtomicInteger();
    shop.fulfilment =
        o -> {
          if (tries.incrementAndGet() == 1) {
            throw new IllegalStateException("warehouse unreachable");
          }
        };
    Order order = paidOrder();
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.PAID);
    channelRefundsAre(RefundStatus.FAILED);

    shop.flow.refund(order.orderNo(), 2_000, "退货");
    shop.settle();

    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void refundTheChannelCannotTakeNowIsRetriedWithTheSameNumber() {
    Order order = paidOrder();
    AtomicInteger calls = new AtomicInteger();
    shop.channel.onRefund =
        r -> {
          int call = calls.incrementAndGet();
          if (call == 1) {
            throw new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "busy");
          }
          if (call == 2) {
            throw new ChannelException(ChannelErrorKind.UNKNOWN_OUTCOME, null, "timed out");
          }
          return TestData.refundResult(r.refundNo(), r.paymentNo(), RefundStatus.SUCCEEDED, "OK");
        };

    Refund refund = shop.flow.refund(order.orderNo(), 2_000, "退货");
    shop.settle();
    assertThat(refundOf(order.orderNo(), refund.refundNo()).status())
        .isEqualTo(RefundStatus.CREATED);
    shop.clock.advance(Duration.ofSeconds(1));
    shop.flow.runDueEffects();
    assertThat(refundOf(order.orderNo(), refund.refundNo()).status())
        .isEqualTo(RefundStatus.CREATED);
    shop.clock.advance(Duration.ofSeconds(2));
    shop.flow.runDueEffects();
    shop.settle();

    assertThat(refundOf(order.orderNo(), refund.refundNo()).status())
        .isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(shop.channel.refunds)
        .extracting(r -> r.refundNo())
        .containsExactly(refund.refundNo(), refund.refundNo(), refund.refundNo());
  }

  @Test
  void refundTheChannelRefusesFailsWithTheChannelsCodeOrTheKind() {
    Order order = paidOrder();
    shop.channel.onRefund =
        r -> {
          throw new ChannelException(ChannelErrorKind.REJECTED, "NOTENOUGH", "余额不足");
        };
    Refund first = shop.flow.refund(order.orderNo(), 500, "少发一件");
    shop.settle();
    shop.channel.onRefund =
        r -> {
          throw new ChannelException(ChannelErrorKind.REJECTED, null, "refused");
        };
    Refund second = shop.flow.refund(order.orderNo(), 500, "少发一件");
    shop.settle();

    assertThat(refundOf(order.orderNo(), first.refundNo()).failureReason()).isEqualTo("NOTENOUGH");
    assertThat(refundOf(order.orderNo(), second.refundNo()).failureReason()).isEqualTo("REJECTED");
    assertThat(refundOf(order.orderNo(), second.refundNo()).status())
        .isEqualTo(RefundStatus.FAILED);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
  }

  @Test
  void callbackThatOvertakesTheRefundEffectIsNotRefundedAgain() {
    Order order = paidOrder();
    shop.channel.onRefund =
        r -> {
          throw new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "busy");
        };
    Refund refund = shop.flow.refund(order.orderNo(), 2_000, "退货");
    shop.settle();

    callback(refund, RefundStatus.SUCCEEDED, "SUCCESS");
    shop.clock.advance(Duration.ofSeconds(1));
    shop.flow.runDueEffects();

    assertThat(shop.channel.refunds).hasSize(1);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void refusedLateRefundLeavesTheClosedOrderAsItIs() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.cancel(order.orderNo(), "用户取消");
    channelRefundsAre(RefundStatus.FAILED);

    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();

    var record = shop.record(order.orderNo());
    assertThat(record.order().status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(record.refunds())
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(RefundStatus.FAILED));
    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .contains("PS->>WP: 调用微信支付退款 @alt:订单创建成功/alt:迟到的支付")
        .noneMatch(a -> a.contains("恢复订单状态"));
  }

  @Test
  void lateRefundNeitherMovesTheOrderNorTellsTheBuyerOfARefund() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.cancel(order.orderNo(), "用户取消");

    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();

    var record = shop.record(order.orderNo());
    assertThat(record.order().refundedAmount()).isZero();
    assertThat(record.refunds())
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED));
    assertThat(shop.sms.deliveredTypes()).doesNotContain(NotificationType.REFUNDED);
  }

  @Test
  void lateRefundRefusedWhileARequestedOneIsUnderWayLeavesTheOrderRefunding() {
    Order order = shop.order(1);
    String paying = shop.pay(order).payment().paymentNo();
    String late =
        shop.flow
            .startPayment(
                new StartPaymentRequest(
                    order.orderNo(),
                    FakeChannel.ID,
                    io.payflow.core.model.TradeType.NATIVE,
                    null,
                    null))
            .payment()
            .paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paying, order.totalAmount()));
    shop.settle();
    AtomicInteger calls = new AtomicInteger();
    shop.channel.onRefund =
        r ->
            TestData.refundResult(
                r.refundNo(),
                r.paymentNo(),
                calls.incrementAndGet() == 1 ? RefundStatus.PROCESSING : RefundStatus.FAILED,
                "X");
    shop.flow.refund(order.orderNo(), 500, "少发一件");
    shop.settle();

    shop.flow.handlePaymentResult(FakeChannel.success(late, order.totalAmount()));
    shop.settle();

    assertThat(shop.record(order.orderNo()).refunds())
        .extracting(Refund::status)
        .containsExactly(RefundStatus.PROCESSING, RefundStatus.FAILED);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.REFUNDING);
  }

  @Test
  void lateRefundCallbackIsAcknowledgedInTheLatePaymentBlock() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.cancel(order.orderNo(), "用户取消");
    channelRefundsAre(RefundStatus.PROCESSING);
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();
    Refund refund = shop.record(order.orderNo()).refunds().get(0);

    callback(refund, RefundStatus.SUCCEEDED, "SUCCESS");

    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .contains(
            "WP->>PS: 退款结果回调 @alt:订单创建成功/alt:迟到的支付", "PS-->>WP: 确认回调处理成功 @alt:订单创建成功/alt:迟到的支付");
  }
}
