package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.TradeType;
import io.payflow.core.testing.Shop;
import io.payflow.core.testing.TestData;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A refund is taken from the payment that paid the order, whatever else was paid late. */
class RefundSourceTest {

  private static final Instant PAID = Instant.parse("2025-01-01T00:05:00Z");
  private static final Instant LATER = Instant.parse("2025-01-01T00:07:00Z");

  /** An order with two payments, the first one paid late, after the second paid the order. */
  private record TwoPayments(Shop shop, Order order, String late, String paying) {}

  private static TwoPayments latePaidFirstPayment(
      UnaryOperator<PayFlowConfig.Builder> config, Instant latePaidAt) {
    Shop shop = new Shop(config);
    Order order = shop.order(1);
    String late = shop.pay(order).payment().paymentNo();
    String paying =
        shop.flow
            .startPayment(
                new StartPaymentRequest(
                    order.orderNo(),
                    io.payflow.core.testing.FakeChannel.ID,
                    TradeType.NATIVE,
                    null,
                    null))
            .payment()
            .paymentNo();
    shop.flow.handlePaymentResult(TestData.paidAt(paying, order.totalAmount(), PAID));
    shop.settle();
    shop.flow.handlePaymentResult(TestData.paidAt(late, order.totalAmount(), latePaidAt));
    shop.settle();
    return new TwoPayments(shop, order, late, paying);
  }

  @Test
  void refundIsTakenFromThePayingPaymentNotFromOneRefundedAsLate() {
    // given the first payment was paid late, in the same second as the paying one, and refunded
    // automatically
    TwoPayments given = latePaidFirstPayment(UnaryOperator.identity(), PAID);
    try (Shop shop = given.shop()) {
      assertThat(shop.record(given.order().orderNo()).refunds())
          .singleElement()
          .satisfies(r -> assertThat(r.paymentNo()).isEqualTo(given.late()));

      // when
      Refund refund = shop.flow.refund(given.order().orderNo(), 300, "少发一件");
      shop.settle();

      // then
      assertThat(refund.paymentNo()).isEqualTo(given.paying());
      assertThat(shop.channel.refunds)
          .last()
          .satisfies(
              r -> {
                assertThat(r.paymentNo()).isEqualTo(given.paying());
                assertThat(r.transactionId()).isEqualTo("4200000" + given.paying());
                assertThat(r.amount()).isEqualTo(300);
                assertThat(r.paymentAmount()).isEqualTo(given.order().totalAmount());
              });
      assertThat(shop.record(given.order().orderNo()).order().status())
          .isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    }
  }

  @Test
  void refundIsTakenFromThePaymentThatPaidTheOrderWhenALatePaymentWasKept() {
    // given a late payment that was only recorded, so two payments succeeded
    TwoPayments given = latePaidFirstPayment(c -> c.refundLatePayments(false), LATER);
    try (Shop shop = given.shop()) {
      var record = shop.record(given.order().orderNo());
      assertThat(record.payment(given.late()).orElseThrow().status())
          .isEqualTo(PaymentStatus.SUCCEEDED);
      assertThat(record.refunds()).isEmpty();

      // when
      Refund refund = shop.flow.refund(given.order().orderNo(), 300, "少发一件");

      // then the one whose payment time is the order's
      assertThat(refund.paymentNo()).isEqualTo(given.paying());
      assertThat(TestData.arrowsInBlocks(shop.store, given.order().orderNo()))
          .contains("PS->>PS: 记录迟到的支付 @alt:订单创建成功/alt:迟到的支付")
          .doesNotContain("PS->>PS: 生成退款单号 @alt:订单创建成功/alt:迟到的支付");
    }
  }
}
