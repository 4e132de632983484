package io.payflow.core;

import static io.payflow.core.testing.Shop.SKU;
import static io.payflow.core.testing.Shop.STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.event.LatePaymentReceived;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry, cancellation, reconciliation and late payments. */
class TimeDrivenTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private static PaymentResult queried(String paymentNo, PaymentOutcome outcome, long amount) {
    return FakeChannel.result(paymentNo, outcome, amount, PaymentResult.Source.QUERY);
  }

  @Test
  void expiryClosesAnUnpaidOrderAtTheChannelFirstAndReleasesItsStock() {
    Order order = shop.order(2);
    String paymentNo = shop.pay(order).payment().paymentNo();
    Order notYet = shop.order(1);

    shop.clock.advance(Duration.ofMinutes(30));
    int closed = shop.flow.closeExpiredOrders();
    shop.settle();

    assertThat(closed).isEqualTo(2);
    var record = shop.record(order.orderNo());
    assertThat(record.order().status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(record.order().failureReason()).contains("expired");
    assertThat(record.payment(paymentNo).orElseThrow().status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(shop.channel.closes).containsExactly(paymentNo);
    assertThat(shop.inventory.releases(order.orderNo())).isEqualTo(1);
    assertThat(shop.inventory.stock.available(SKU)).isEqualTo(STOCK);
    assertThat(shop.sms.deliveredTypes()).containsOnly(NotificationType.ORDER_CLOSED);
    assertThat(shop.record(notYet.orderNo()).order().status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(shop.flow.closeExpiredOrders()).as("nothing left").isZero();
  }

  @Test
  void expiryWhereTheChannelSaysAlreadyPaidRunsTheSuccessPath() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.channel.onClose =
        no -> {
          throw new ChannelException(ChannelErrorKind.ALREADY_PAID, "ORDERPAID", "订单已支付");
        };
    shop.channel.onQuery = no -> queried(no, PaymentOutcome.SUCCEEDED, order.totalAmount());

    shop.clock.advance(Duration.ofMinutes(31));
    assertThat(shop.flow.closeExpiredOrders()).isZero();
    shop.settle();

    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.record(order.orderNo()).payment(paymentNo).orElseThrow().status())
        .isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
    assertThat(shop.inventory.releases(order.orderNo())).isZero();
  }

  @Test
  void expiryLeavesTheOrderForTheNextSweepWhenTheChannelCannotCloseNow() {
    Order order = shop.order(1);
    shop.pay(order);
    shop.channel.onClose =
        no -> {
          throw new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "busy");
        };
    shop.clock.advance(Duration.ofMinutes(31));

    assertThat(shop.flow.closeExpiredOrders()).isZero();
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(shop.inventory.releases(order.orderNo())).isZero();

    shop.channel.onClose = no -> {};
    // the order is deferred with backoff (reconcileQueryAfter at first), not retried at once
    shop.clock.advance(PayFlowConfig.DEFAULT_RECONCILE_QUERY_AFTER.plusSeconds(1));
    assertThat(shop.flow.closeExpiredOrders()).isEqualTo(1);
  }

  @Test
  void cancelClosesTheOrderAndReleasesItsStockAndRefusesAPaidOrder() {
    Order order = shop.order(1);
    shop.pay(order);

    Order cancelled = shop.flow.cancel(order.orderNo(), "用户取消");
    shop.settle();

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(shop.inventory.releases(order.orderNo())).isEqualTo(1);
    assertThat(shop.flow.cancel(order.orderNo(), "again").status())
        .as("cancelling twice is a no-op")
        .isEqualTo(OrderStatus.CLOSED);

    Order paid = shop.order(1);
    String paymentNo = shop.pay(paid).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, paid.totalAmount()));
    assertThatThrownBy(() -> shop.flow.cancel(paid.orderNo(), "too late"))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void reconciliationSettlesAPaymentWhoseCallbackNeverCame() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.channel.onQuery = no -> queried(no, PaymentOutcome.SUCCEEDED, order.totalAmount());

    assertThat(shop.flow.reconcilePayments()).as("too early to ask").isZero();
    shop.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    assertThat(shop.flow.reconcilePayments()).isEqualTo(1);
    shop.settle();

    assertThat(shop.channel.queries).containsExactly(paymentNo);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.flow.reconcilePayments()).as("nothing awaits a result any more").isZero();
  }

  @Test
  void reconciliationNeverMarksPaidASuccessWithAnotherAmount() {
    Order order = shop.order(1);
    shop.pay(order);
    shop.channel.onQuery = no -> queried(no, PaymentOutcome.SUCCEEDED, 1);
    shop.clock.advance(Duration.ofMinutes(2).plusSeconds(1));

    assertThat(shop.flow.reconcilePayments()).isZero();
    shop.settle();

    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(shop.inventory.confirms(order.orderNo())).isZero();
  }

  @Test
  void lateSuccessOnAClosedOrderIsRecordedRefundedAndAnnounced() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.cancel(order.orderNo(), "用户取消");

    Order after =
        shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();

    assertThat(after.status()).isEqualTo(OrderStatus.CLOSED);
    var record = shop.record(order.orderNo());
    assertThat(record.payment(paymentNo).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(record.refunds())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.paymentNo()).isEqualTo(paymentNo);
              assertThat(r.amount()).isEqualTo(order.totalAmount());
              assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED);
            });
    assertThat(shop.channel.refunds).hasSize(1);
    assertThat(shop.events.of(LatePaymentReceived.class))
        .singleElement()
        .satisfies(e -> assertThat(e.refundNo()).isEqualTo(record.refunds().get(0).refundNo()));
    assertThat(shop.inventory.confirms(order.orderNo())).isZero();
    assertThat(shop.inventory.stock.available(SKU)).isEqualTo(STOCK);
  }

  @Test
  void lateSuccessIsOnlyRecordedWhenAutomaticRefundsAreOff() {
    shop.close();
    try (Shop noRefunds = new Shop(c -> c.refundLatePayments(false))) {
      Order order = noRefunds.order(1);
      String paymentNo = noRefunds.pay(order).payment().paymentNo();
      noRefunds.flow.cancel(order.orderNo(), "用户取消");

      noRefunds.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
      noRefunds.settle();

      assertThat(noRefunds.record(order.orderNo()).refunds()).isEmpty();
      assertThat(noRefunds.events.of(LatePaymentReceived.class))
          .singleElement()
          .satisfies(e -> assertThat(e.refundNo()).isNull());
    }
  }

  @Test
  void secondSuccessfulPaymentOfAPaidOrderIsRefundedAndTheOtherOpenOneIsClosed() {
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

    shop.flow.handlePaymentResult(FakeChannel.success(first, order.totalAmount()));
    shop.settle();
    assertThat(shop.channel.closes).containsExactly(second);
    assertThat(shop.record(order.orderNo()).payment(second).orElseThrow().status())
        .isEqualTo(PaymentStatus.CLOSED);

    shop.flow.handlePaymentResult(FakeChannel.success(second, order.totalAmount()));
    shop.settle();

    var record = shop.record(order.orderNo());
    assertThat(record.order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(record.refunds())
        .singleElement()
        .satisfies(r -> assertThat(r.paymentNo()).isEqualTo(second));
    assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
  }
}
