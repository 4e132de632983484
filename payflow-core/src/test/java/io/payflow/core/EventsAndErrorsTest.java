package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.event.EffectFailed;
import io.payflow.core.event.LatePaymentReceived;
import io.payflow.core.event.OrderCreated;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.event.PaymentStatusChanged;
import io.payflow.core.event.RefundStatusChanged;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every event names its order, and every error carries what a caller acts on. */
class EventsAndErrorsTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void everyEventOfAnOrderNamesIt() {
    shop.sms.behaviour =
        (n, attempt) -> {
          if (attempt == 1) {
            throw new IOException("SMS gateway timeout");
          }
        };
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();
    shop.flow.refund(order.orderNo(), 100, "少发一件");
    shop.settle();
    Order closed = shop.order(1);
    String late = shop.pay(closed).payment().paymentNo();
    shop.flow.cancel(closed.orderNo(), "用户取消");
    shop.flow.handlePaymentResult(FakeChannel.success(late, closed.totalAmount()));
    shop.settle();

    assertThat(shop.events.of(OrderCreated.class))
        .extracting(OrderCreated::orderNo)
        .containsExactly(order.orderNo(), closed.orderNo());
    assertThat(shop.events.of(OrderStatusChanged.class))
        .allSatisfy(e -> assertThat(e.orderNo()).isEqualTo(e.order().orderNo()).isNotEmpty());
    assertThat(shop.events.of(PaymentStatusChanged.class))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.orderNo()).isEqualTo(e.payment().orderNo()).isNotEmpty());
    assertThat(shop.events.of(RefundStatusChanged.class))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.orderNo()).isEqualTo(e.refund().orderNo()).isNotEmpty());
    assertThat(shop.events.of(LatePaymentReceived.class))
        .singleElement()
        .satisfies(e -> assertThat(e.orderNo()).isEqualTo(closed.orderNo()));
    assertThat(shop.events.of(EffectFailed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.orderNo()).isEqualTo(order.orderNo()));
  }

  @Test
  void newPaymentIsAnnouncedOnlyWhenItMoves() {
    Order order = shop.order(1);

    shop.pay(order);

    assertThat(shop.events.of(PaymentStatusChanged.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.from()).isEqualTo(PaymentStatus.CREATED);
              assertThat(e.to()).isEqualTo(PaymentStatus.PREPAID);
            });
  }

  @Test
  void illegalTransitionSaysWhatMovedFromWhereToWhere() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle(); // fulfilment runs as an effect: wait for it, so that the status is known

    assertThatThrownBy(() -> shop.flow.cancel(order.orderNo(), "too late"))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("order");
              assertThat(e.number()).isEqualTo(order.orderNo());
              assertThat(e.from()).isEqualTo(OrderStatus.FULFILLING.name());
              assertThat(e.to()).isEqualTo(OrderStatus.CLOSED.name());
            });
  }

  @Test
  void stalePriceNamesTheSkuAndBothPrices() {
    assertThatThrownBy(
            () ->
                shop.flow.createOrder(
                    CreateOrderRequest.of("u", List.of(new OrderLine(Shop.SKU, 1, 999)))))
        .isInstanceOfSatisfying(
            StalePriceException.class,
            e -> {
              assertThat(e.sku()).isEqualTo(Shop.SKU);
              assertThat(e.offered()).isEqualTo(999);
              assertThat(e.current()).isEqualTo(Shop.PRICE);
            });
  }

  @Test
  void cancelReasonAndRefundReasonHaveALimit() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    assertThatThrownBy(() -> shop.flow.cancel(order.orderNo(), "r".repeat(256)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("reason"));
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    assertThatThrownBy(() -> shop.flow.refund(order.orderNo(), 100, "r".repeat(81)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("reason"));
    assertThat(shop.flow.refund(order.orderNo(), 100, "r".repeat(80)).reason()).hasSize(80);
  }

  @Test
  void cancelReasonOf255CharactersIsKept() {
    Order order = shop.order(1);

    Order cancelled = shop.flow.cancel(order.orderNo(), "r".repeat(255));

    assertThat(cancelled.failureReason()).hasSize(255);
  }
}
