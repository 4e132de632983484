package io.payflow.core;

import static io.payflow.core.testing.Shop.SKU;
import static io.payflow.core.testing.Shop.STOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.MermaidAssertions;
import io.payflow.core.testing.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reference diagram's {@code else 支付失败}. */
class PaymentFailureTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void failureCallbackFailsTheOrderReleasesStockOnceAndSendsTheFailureNotification() {
    Order order = shop.order(4);
    String paymentNo = shop.pay(order).payment().paymentNo();

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID,
            shop.channel.signed(FakeChannel.failure(paymentNo, order.totalAmount())));
    shop.flow.handleCallback(
        FakeChannel.ID, shop.channel.signed(FakeChannel.failure(paymentNo, order.totalAmount())));
    shop.settle();

    assertThat(answer.status()).isEqualTo(204);
    var record = shop.record(order.orderNo());
    assertThat(record.order().status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(record.order().failureReason()).contains("PAYERROR");
    assertThat(record.payment(paymentNo).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(shop.inventory.releases(order.orderNo())).isEqualTo(1);
    assertThat(shop.inventory.confirms(order.orderNo())).isZero();
    assertThat(shop.inventory.stock.available(SKU)).isEqualTo(STOCK);
    assertThat(shop.sms.deliveredTypes()).containsExactly(NotificationType.PAYMENT_FAILED);
    assertThat(shop.push.deliveredTypes()).containsExactly(NotificationType.PAYMENT_FAILED);
    assertThat(shop.fulfilled).isEmpty();
    assertThat(shop.events.of(OrderStatusChanged.class)).hasSize(1);
    assertThat(MermaidAssertions.assertWellFormed(shop.flow.traceDiagram(order.orderNo())))
        .containsSubsequence(
            "alt 支付失败", "PS->>OS: 更新订单状态为支付失败", "OS->>OS: 释放锁定库存", "PS-->>WP: 确认回调处理成功")
        .contains("NS->>U: 发送支付失败通知");
  }

  @Test
  void failureOfOnePaymentLeavesTheOrderPayableWhileAnotherPaymentIsOpen() {
    Order order = shop.order(1);
    String first = shop.pay(order).payment().paymentNo();
    String second =
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

    shop.flow.handlePaymentResult(FakeChannel.failure(first, order.totalAmount()));
    shop.settle();

    assertThat(second).isNotEqualTo(first);
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(shop.inventory.releases(order.orderNo())).isZero();
  }
}
