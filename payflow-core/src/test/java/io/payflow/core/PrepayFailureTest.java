package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.MermaidAssertions;
import io.payflow.core.testing.Shop;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reference diagram's {@code else 微信下单失败}, and starting a payment in general. */
class PrepayFailureTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void refusedPrepayGivesTheReasonKeepsTheOrderPayableAndARetryUsesANewPaymentNumber() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          throw new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "系统繁忙，请稍后重试");
        };

    assertThatThrownBy(() -> shop.pay(order))
        .isInstanceOfSatisfying(
            PrepayFailedException.class,
            e -> {
              assertThat(e.channelCode()).isEqualTo("SYSTEM_ERROR");
              assertThat(e.retryable()).isTrue();
            })
        .hasMessageContaining("系统繁忙");
    var afterFailure = shop.record(order.orderNo());
    assertThat(afterFailure.order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(afterFailure.payments())
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.PREPAY_FAILED));
    String failedNo = afterFailure.payments().get(0).paymentNo();

    shop.channel.onPrepay = new FakeChannel().onPrepay;
    PaymentStart retry = shop.pay(order);

    assertThat(retry.payment().paymentNo()).isNotEqualTo(failedNo);
    assertThat(retry.payment().status()).isEqualTo(PaymentStatus.PREPAID);
    assertThat(retry.resumed()).isFalse();
    assertThat(shop.channel.prepays).extracting(r -> r.paymentNo()).doesNotHaveDuplicates();
    assertThat(MermaidAssertions.assertWellFormed(shop.flow.traceDiagram(order.orderNo())))
        .containsSubsequence(
            "alt 微信下单失败", "WP-->>PS: 返回错误信息", "PS-->>API: 返回支付失败", "end", "alt 微信下单成功");
  }

  @Test
  void prepayWithUnknownOutcomeLeavesThePaymentUnknownUntilAQuerySettlesIt() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          throw new ChannelException(ChannelErrorKind.UNKNOWN_OUTCOME, null, "read timed out");
        };

    assertThatThrownBy(() -> shop.pay(order)).isInstanceOf(PrepayFailedException.class);
    String paymentNo = shop.record(order.orderNo()).payments().get(0).paymentNo();
    assertThat(shop.record(order.orderNo()).payments().get(0).status())
        .isEqualTo(PaymentStatus.UNKNOWN);

    shop.channel.onQuery =
        no ->
            FakeChannel.result(
                no, PaymentOutcome.SUCCEEDED, order.totalAmount(), PaymentResult.Source.QUERY);
    shop.clock.advance(Duration.ofMinutes(3));
    assertThat(shop.flow.reconcilePayments()).isEqualTo(1);
    shop.settle();

    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.channel.queries).containsExactly(paymentNo);
  }

  @Test
  void aStillPrepaidPaymentIsResumedInsteadOfPrepaidAgain() {
    Order order = shop.order(1);
    PaymentStart first = shop.pay(order);

    PaymentStart second = shop.pay(order);

    assertThat(second.resumed()).isTrue();
    assertThat(second.payment().paymentNo()).isEqualTo(first.payment().paymentNo());
    assertThat(shop.channel.prepays).hasSize(1);
    assertThat(shop.channel.resumes).containsExactly(first.payment().paymentNo());
  }

  @Test
  void anotherTradeTypeGetsItsOwnPayment() {
    Order order = shop.order(1);
    PaymentStart jsapi = shop.pay(order);

    PaymentStart nativePay =
        shop.flow.startPayment(
            new StartPaymentRequest(order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null));

    assertThat(nativePay.resumed()).isFalse();
    assertThat(nativePay.payment().paymentNo()).isNotEqualTo(jsapi.payment().paymentNo());
  }

  @Test
  void channelSayingAlreadyPaidRunsTheSuccessPath() {
    Order order = shop.order(1);
    shop.channel.onPrepay =
        r -> {
          throw new ChannelException(ChannelErrorKind.ALREADY_PAID, "ORDERPAID", "该订单已支付");
        };
    shop.channel.onQuery =
        no ->
            FakeChannel.result(
                no, PaymentOutcome.SUCCEEDED, order.totalAmount(), PaymentResult.Source.QUERY);

    assertThatThrownBy(() -> shop.pay(order)).isInstanceOf(OrderNotPayableException.class);
    shop.settle();

    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
  }

  @Test
  void startPaymentRefusesBadRequestsAndUnpayableOrders() {
    Order order = shop.order(1);

    assertThatThrownBy(
            () ->
                shop.flow.startPayment(
                    new StartPaymentRequest(
                        order.orderNo(), FakeChannel.ID, TradeType.JSAPI, null, null)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("payerId"));
    assertThatThrownBy(
            () ->
                shop.flow.startPayment(
                    new StartPaymentRequest(
                        order.orderNo(), FakeChannel.ID, TradeType.H5, null, " ")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("clientIp"));
    assertThatThrownBy(
            () ->
                shop.flow.startPayment(
                    new StartPaymentRequest(
                        order.orderNo(), "alipay", TradeType.NATIVE, null, null)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("channel"));
    assertThatThrownBy(
            () ->
                shop.flow.startPayment(
                    new StartPaymentRequest("NOPE", FakeChannel.ID, TradeType.NATIVE, null, null)))
        .isInstanceOf(NotFoundException.class);

    shop.clock.advance(Duration.ofMinutes(31));
    assertThatThrownBy(() -> shop.pay(order))
        .isInstanceOf(OrderNotPayableException.class)
        .hasMessageContaining("expired");
    assertThat(shop.channel.prepays).isEmpty();
    assertThat(shop.record(order.orderNo()).payments()).isEmpty();
  }
}
