package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import io.payflow.core.testing.TestData;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconciliation (主动查单) asks the channel about silent payments and applies the answer. */
class ReconciliationTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private String unknownPayment(Order order) {
    shop.channel.onPrepay =
        r -> {
          throw new ChannelException(ChannelErrorKind.UNKNOWN_OUTCOME, null, "read timed out");
        };
    try {
      shop.pay(order);
    } catch (PrepayFailedException expected) {
      // the payment is UNKNOWN now
    }
    shop.channel.onPrepay = new FakeChannel().onPrepay;
    return shop.record(order.orderNo()).payments().get(0).paymentNo();
  }

  @Test
  void paymentTheChannelNeverHeardOfIsGivenUpAndTheOrderStaysPayable() {
    Order order = shop.order(1);
    String paymentNo = unknownPayment(order);
    shop.channel.onQuery =
        no -> {
          throw new ChannelException(ChannelErrorKind.NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在");
        };
    // past the prepay grace: a not-found within it settles nothing (the prepay may be in flight)
    shop.clock.advance(PayFlowConfig.DEFAULT_PREPAY_GRACE.plusMinutes(1));

    assertThat(shop.flow.reconcilePayments()).isEqualTo(1);

    var payment = shop.record(order.orderNo()).payment(paymentNo).orElseThrow();
    assertThat(payment.status()).isEqualTo(PaymentStatus.PREPAY_FAILED);
    assertThat(payment.failureCode()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(shop.flow.reconcilePayments()).as("nothing awaits a result any more").isZero();
  }

  @Test
  void notFoundWithoutAChannelCodeIsRecordedAsNotFound() {
    Order order = shop.order(1);
    String paymentNo = unknownPayment(order);
    shop.channel.onQuery =
        no -> {
          throw new ChannelException(ChannelErrorKind.NOT_FOUND, null, "no such order");
        };
    shop.clock.advance(PayFlowConfig.DEFAULT_PREPAY_GRACE.plusMinutes(1));

    shop.flow.reconcilePayments();

    assertThat(shop.record(order.orderNo()).payment(paymentNo).orElseThrow().failureCode())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void aFailingQueryIsLeftForTheNextRoundAndTheOthersAreStillAsked() {
    Order busy = shop.order(1);
    String busyNo = shop.pay(busy).payment().paymentNo();
    shop.clock.advance(Duration.ofSeconds(1));
    Order paid = shop.order(1);
    String paidNo = shop.pay(paid).payment().paymentNo();
    shop.channel.onQuery =
        no -> {
          if (no.equals(busyNo)) {
            throw new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "busy");
          }
          return FakeChannel.result(
              no,
              PaymentOutcome.SUCCEEDED,
              paid.totalAmount(),
              io.payflow.core.channel.PaymentResult.Source.QUERY);
        };
    shop.clock.advance(Duration.ofMinutes(3));

    assertThat(shop.flow.reconcilePayments()).isEqualTo(1);
    shop.settle();

    assertThat(shop.channel.queries).containsExactly(busyNo, paidNo);
    assertThat(shop.record(busy.orderNo()).order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(shop.record(paid.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
  }

  @Test
  void anAnswerAboutAnotherPaymentIsNotApplied() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.channel.onQuery =
        no ->
            TestData.forPayment(
                FakeChannel.result(
                    no,
                    PaymentOutcome.SUCCEEDED,
                    order.totalAmount(),
                    io.payflow.core.channel.PaymentResult.Source.QUERY),
                "SOMEONE-ELSE");
    shop.clock.advance(Duration.ofMinutes(3));

    assertThat(shop.flow.reconcilePayments()).isZero();

    assertThat(shop.channel.queries).containsExactly(paymentNo);
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
  }

  @Test
  void paymentOfAChannelThisInstanceDoesNotHaveIsSkipped() {
    Order order = shop.order(1);
    shop.pay(order);
    shop.clock.advance(Duration.ofMinutes(3));
    FakeChannel alipay = new FakeChannel();
    try (PayFlow other =
        PayFlow.builder()
            .orderStore(shop.store)
            .inventory(new InMemoryInventoryService())
            .priceCatalog(new InMemoryPriceCatalog())
            .channel(TestData.renamed(alipay, "alipay"))
            .clock(shop.clock)
            .build()) {

      assertThat(other.reconcilePayments()).isZero();

      assertThat(alipay.queries).isEmpty();
      assertThat(shop.channel.queries).isEmpty();
    }
  }

  @Test
  void answerAboutAnotherExistingPaymentIsNotAppliedToIt() {
    Order asked = shop.order(1);
    String askedNo = shop.pay(asked).payment().paymentNo();
    Order other = shop.order(1);
    String otherNo = shop.pay(other).payment().paymentNo();
    shop.channel.onQuery =
        no ->
            no.equals(askedNo)
                ? FakeChannel.result(
                    otherNo,
                    PaymentOutcome.SUCCEEDED,
                    other.totalAmount(),
                    io.payflow.core.channel.PaymentResult.Source.QUERY)
                : FakeChannel.pending(no);
    shop.clock.advance(Duration.ofMinutes(3));

    shop.flow.reconcilePayments();

    assertThat(shop.record(other.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(shop.record(asked.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
  }

  @Test
  void expiryNamesItsCause() {
    Order order = shop.order(1);
    shop.clock.advance(Duration.ofMinutes(30));

    assertThat(shop.flow.closeExpiredOrders()).isEqualTo(1);

    assertThat(shop.events.of(io.payflow.core.event.OrderStatusChanged.class))
        .filteredOn(e -> e.to() == OrderStatus.CLOSED)
        .singleElement()
        .satisfies(e -> assertThat(e.cause()).isEqualTo("expired"));
  }
}
