package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.RefundResult;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refunds of paid orders. */
class RefundTest {

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

  @Test
  void partialThenFullRefundMovesTheOrderThroughRefundingToRefunded() {
    Order order = paidOrder();

    Refund first = shop.flow.refund(order.orderNo(), 500, "少发一件");
    shop.settle();
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThatThrownBy(() -> shop.flow.refund(order.orderNo(), 1_501, "too much"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("amount"));

    Refund second = shop.flow.refund(order.orderNo(), 1_500, "全部退款");
    shop.settle();

    var record = shop.record(order.orderNo());
    assertThat(record.order().status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(record.order().refundedAmount()).isEqualTo(order.totalAmount());
    assertThat(record.refunds())
        .extracting(Refund::refundNo, Refund::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(first.refundNo(), RefundStatus.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple(second.refundNo(), RefundStatus.SUCCEEDED));
    assertThat(shop.sms.deliveredTypes())
        .containsExactly(
            NotificationType.PAYMENT_SUCCEEDED,
            NotificationType.REFUNDED,
            NotificationType.REFUNDED);
  }

  @Test
  void refusedRefundReturnsTheOrderToFulfillingSoItCanBeRefundedAgain() {
    Order order = paidOrder();
    shop.channel.onRefund =
        r ->
            new RefundResult(
                r.refundNo(), r.paymentNo(), RefundStatus.FAILED, null, "ABNORMAL", null);

    shop.flow.refund(order.orderNo(), 2_000, "退货");
    shop.settle();

    var record = shop.record(order.orderNo());
    assertThat(record.order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(record.refunds().get(0).status()).isEqualTo(RefundStatus.FAILED);
    assertThat(record.refunds().get(0).failureReason()).isEqualTo("ABNORMAL");
  }

  @Test
  void refundCallbackSettlesAProcessingRefund() {
    Order order = paidOrder();
    shop.channel.onRefund =
        r ->
            new RefundResult(
                r.refundNo(), r.paymentNo(), RefundStatus.PROCESSING, "wxr1", "PROCESSING", null);
    Refund refund = shop.flow.refund(order.orderNo(), 2_000, "退货");
    shop.settle();
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.REFUNDING);

    var answer =
        shop.flow.handleCallback(
            FakeChannel.ID,
            shop.channel.signed(
                new io.payflow.core.channel.CallbackEvent.RefundNotified(
                    new RefundResult(
                        refund.refundNo(),
                        refund.paymentNo(),
                        RefundStatus.SUCCEEDED,
                        "wxr1",
                        "SUCCESS",
                        null))));
    shop.settle();

    assertThat(answer.status()).isEqualTo(204);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void unpaidOrderCannotBeRefunded() {
    Order order = shop.order(1);

    assertThatThrownBy(() -> shop.flow.refund(order.orderNo(), 100, "no"))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> shop.flow.refund(order.orderNo(), 0, "no"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("amount"));
  }
}
