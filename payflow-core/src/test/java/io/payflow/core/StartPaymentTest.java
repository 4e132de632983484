package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.Prepaid;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting a payment: what is refused, what is resumed, and what a racing result does. */
class StartPaymentTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private PaymentStart start(Order order, TradeType type, String payerId, String clientIp) {
    return shop.flow.startPayment(
        new StartPaymentRequest(order.orderNo(), FakeChannel.ID, type, payerId, clientIp));
  }

  private static void refusedNaming(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void requestIsCheckedFieldByField() {
    Order order = shop.order(1);
    String no = order.orderNo();

    refusedNaming(() -> shop.flow.startPayment(null), "request");
    refusedNaming(
        () -> shop.flow.startPayment(new StartPaymentRequest(no, FakeChannel.ID, null, "o", null)),
        "tradeType");
    refusedNaming(
        () ->
            shop.flow.startPayment(
                new StartPaymentRequest(no, "alipay", TradeType.NATIVE, null, null)),
        "channel");
    refusedNaming(() -> start(order, TradeType.JSAPI, " ", null), "payerId");
    refusedNaming(() -> start(order, TradeType.H5, null, ""), "clientIp");
    refusedNaming(() -> start(order, TradeType.NATIVE, "o".repeat(129), null), "payerId");
    refusedNaming(() -> start(order, TradeType.H5, null, "1".repeat(46)), "clientIp");
    assertThat(shop.channel.prepays).isEmpty();

    assertThat(start(order, TradeType.JSAPI, "o".repeat(128), null).payment().payerId())
        .hasSize(128);
    assertThat(start(order, TradeType.H5, null, "1".repeat(45)).payment().clientIp()).hasSize(45);
  }

  @Test
  void orderThatIsNotPendingOrHasExpiredIsNotPayable() {
    Order expired = shop.order(1);
    shop.clock.advance(Duration.ofMinutes(30));
    assertThatThrownBy(() -> shop.pay(expired))
        .isInstanceOf(OrderNotPayableException.class)
        .hasMessageContaining("expired");

    Order cancelled = shop.order(1);
    shop.flow.cancel(cancelled.orderNo(), "用户取消");
    assertThatThrownBy(() -> shop.pay(cancelled))
        .isInstanceOf(OrderNotPayableException.class)
        .hasMessageContaining("CLOSED");
    assertThat(shop.channel.prepays).isEmpty();
  }

  @Test
  void prepaidPaymentIsResumedOnlyForTheSamePayerAndTradeType() {
    Order order = shop.order(1);
    String first = shop.pay(order).payment().paymentNo();

    PaymentStart otherPayer = start(order, TradeType.JSAPI, "openid-2", null);
    PaymentStart sameAgain = shop.pay(order);

    assertThat(otherPayer.resumed()).isFalse();
    assertThat(otherPayer.payment().paymentNo()).isNotEqualTo(first);
    assertThat(sameAgain.resumed()).isTrue();
    assertThat(sameAgain.payment().paymentNo()).isEqualTo(first);
    assertThat(shop.channel.resumes).containsExactly(first);
  }

  @Test
  void paymentWithoutPrepayDataOrThatCannotBeResumedGetsANewPrepay() {
    Order order = shop.order(1);
    shop.channel.onPrepay = r -> new Prepaid(Map.of(), Map.of("package", "x"));
    String first = shop.pay(order).payment().paymentNo();

    String second = shop.pay(order).payment().paymentNo();

    assertThat(second).isNotEqualTo(first);
    assertThat(shop.channel.resumes).isEmpty();
    assertThat(shop.channel.prepays).hasSize(2);
  }

  @Test
  void resultThatOvertakesThePrepayAnswerIsKept() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          shop.flow.handlePaymentResult(FakeChannel.success(r.paymentNo(), r.amount()));
          return new Prepaid(Map.of("prepay_id", "wx1"), Map.of("package", "prepay_id=wx1"));
        };

    // the order is paid: there is nothing left to pay, so no pay parameters are handed out
    assertThatThrownBy(() -> shop.pay(order))
        .isInstanceOf(OrderNotPayableException.class)
        .hasMessageContaining("SUCCEEDED");
    shop.settle();

    Payment payment = shop.record(order.orderNo()).payments().get(0);
    assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(payment.prepayData()).as("the older prepay answer is not applied").isEmpty();
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.flow.find(order.orderNo()).orElseThrow().effects())
        .noneMatch(e -> e.type() == io.payflow.core.effect.EffectType.CLOSE_PAYMENT);
    assertThat(shop.channel.closes).isEmpty();
  }

  @Test
  void prepaySayingAlreadyPaidWhoseQueryFailsLeavesThePaymentUnknown() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          throw new ChannelException(ChannelErrorKind.ALREADY_PAID, "ORDERPAID", "已支付");
        };
    shop.channel.onQuery =
        no -> {
          throw new ChannelException(ChannelErrorKind.UNKNOWN_OUTCOME, null, "timed out");
        };

    assertThatThrownBy(() -> shop.pay(order))
        .isInstanceOfSatisfying(
            PrepayFailedException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ChannelErrorKind.UNKNOWN_OUTCOME);
              assertThat(e.orderNo()).isEqualTo(order.orderNo());
              assertThat(e.paymentNo())
                  .isEqualTo(shop.record(order.orderNo()).payments().get(0).paymentNo());
              assertThat(e.retryable()).isTrue();
            });
    assertThat(shop.record(order.orderNo()).payments().get(0).status())
        .isEqualTo(PaymentStatus.UNKNOWN);
  }

  @Test
  void refusedPrepayIsNotRetryable() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          throw new ChannelException(ChannelErrorKind.REJECTED, "PARAM_ERROR", "bad");
        };

    assertThatThrownBy(() -> shop.pay(order))
        .isInstanceOfSatisfying(
            PrepayFailedException.class, e -> assertThat(e.retryable()).isFalse());
    var payment = shop.record(order.orderNo()).payments().get(0);
    assertThat(payment.status()).isEqualTo(PaymentStatus.PREPAY_FAILED);
    assertThat(payment.failureCode()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void channelBreakingItsContractCountsAsAnUnknownOutcome() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          throw new IllegalStateException("bug");
        };

    assertThatThrownBy(() -> shop.pay(order))
        .isInstanceOfSatisfying(
            PrepayFailedException.class,
            e -> assertThat(e.kind()).isEqualTo(ChannelErrorKind.UNKNOWN_OUTCOME));
    assertThat(shop.record(order.orderNo()).payments().get(0).failureCode())
        .isEqualTo("UNKNOWN_OUTCOME");
  }

  @Test
  void failedPaymentIsNeverResumed() {
    Order order = shop.order(1);
    String failed = shop.pay(order).payment().paymentNo();
    start(order, TradeType.NATIVE, null, null);
    shop.flow.handlePaymentResult(FakeChannel.failure(failed, order.totalAmount()));

    PaymentStart again = shop.pay(order);

    assertThat(again.resumed()).isFalse();
    assertThat(again.payment().paymentNo()).isNotEqualTo(failed);
  }

  @Test
  void paymentOfAnotherChannelIsNeverResumed() {
    shop.close();
    FakeChannel wechat = new FakeChannel();
    FakeChannel alipay = new FakeChannel();
    try (PayFlow flow =
        PayFlow.builder()
            .inventory(new io.payflow.core.memory.InMemoryInventoryService().stock("SKU-1", 5))
            .priceCatalog(new io.payflow.core.memory.InMemoryPriceCatalog().price("SKU-1", 1_000))
            .channel(wechat)
            .channel(io.payflow.core.testing.TestData.renamed(alipay, "alipay"))
            .build()) {
      Order order =
          flow.createOrder(
              CreateOrderRequest.of(
                  "u", java.util.List.of(new io.payflow.core.model.OrderLine("SKU-1", 1, 1_000))));
      String first =
          flow.startPayment(
                  new StartPaymentRequest(
                      order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null))
              .payment()
              .paymentNo();

      PaymentStart other =
          flow.startPayment(
              new StartPaymentRequest(order.orderNo(), "alipay", TradeType.NATIVE, null, null));

      assertThat(other.resumed()).isFalse();
      assertThat(other.payment().paymentNo()).isNotEqualTo(first);
      assertThat(other.payment().channel()).isEqualTo("alipay");
      assertThat(alipay.prepays).hasSize(1);
      assertThat(wechat.resumes).isEmpty();
    }
  }

  @Test
  void notFoundWhileThePrepayIsInFlightGivesTheCreatedPaymentUp() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          shop.flow.handlePaymentResult(
              io.payflow.core.testing.TestData.queried(
                  r.paymentNo(),
                  io.payflow.core.channel.PaymentOutcome.NOT_FOUND,
                  "ORDER_NOT_EXIST",
                  "不存在"));
          return new Prepaid(Map.of("prepay_id", "wx1"), Map.of("package", "prepay_id=wx1"));
        };

    try {
      shop.pay(order);
    } catch (PayFlowException ignored) {
      // how the start ends is not what this test is about
    }

    assertThat(shop.record(order.orderNo()).payments())
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.PREPAY_FAILED));
  }

  @Test
  void successThatOvertakesARefusedPrepayIsKept() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          shop.flow.handlePaymentResult(FakeChannel.success(r.paymentNo(), r.amount()));
          throw new ChannelException(ChannelErrorKind.REJECTED, "PARAM_ERROR", "bad");
        };

    assertThatThrownBy(() -> shop.pay(order)).isInstanceOf(PrepayFailedException.class);
    shop.settle();

    assertThat(shop.record(order.orderNo()).payments())
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED));
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
  }
}
