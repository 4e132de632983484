package io.payflow.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The named changes of the records set the fields of one step and keep every other one. */
class NamedChangesTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-24T10:05:00Z");

  private static Order order() {
    return new Order(
        "O1",
        "u1",
        List.of(new OrderLine("SKU-1", 2, 500)),
        1000,
        "咖啡",
        OrderStatus.PENDING_PAYMENT,
        3,
        T0,
        T0.plusSeconds(1800),
        null,
        null,
        0,
        null,
        null);
  }

  private static Payment payment() {
    return new Payment(
        "O1P1",
        "O1",
        "wechat",
        TradeType.JSAPI,
        1000,
        PaymentStatus.CREATED,
        "openid",
        null,
        Map.of(),
        null,
        null,
        null,
        T0,
        T0,
        null);
  }

  @Test
  void paidOrderKeepsItsVersionAndClearsFailure() {
    Order paid = order().paid(T1);

    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.paidAt()).isEqualTo(T1);
    assertThat(paid.closedAt()).isNull();
    assertThat(paid.failureReason()).isNull();
    assertThat(paid.version()).isEqualTo(3);
    assertThat(paid.withVersion(4).version()).isEqualTo(4);
  }

  @Test
  void closedOrderRecordsWhenAndWhy() {
    Order closed = order().closed("expired", T1);

    assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(closed.closedAt()).isEqualTo(T1);
    assertThat(closed.failureReason()).isEqualTo("expired");
    assertThat(order().paymentFailed("PAYERROR", T1))
        .extracting(Order::status, Order::closedAt, Order::failureReason)
        .containsExactly(OrderStatus.PAYMENT_FAILED, T1, "PAYERROR");
  }

  @Test
  void fulfillmentStartedKeepsTheStatusAndRefundsAddUp() {
    Order o = order().paid(T0).fulfillmentStarted(T1).refundedMore(300).refundedMore(200);

    assertThat(o.status()).isEqualTo(OrderStatus.PAID);
    assertThat(o.fulfillmentStartedAt()).isEqualTo(T1);
    assertThat(o.refundedAmount()).isEqualTo(500);
    assertThat(o.movedTo(OrderStatus.FULFILLING).fulfillmentStartedAt()).isEqualTo(T1);
  }

  @Test
  void succeededPaymentTakesTheChannelsWordAndClearsAFailure() {
    Payment p = payment().failed("PAYERROR", "bank said no", T0).succeeded("TX1", T0, T1);

    assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(p.transactionId()).isEqualTo("TX1");
    assertThat(p.paidAt()).isEqualTo(T0);
    assertThat(p.updatedAt()).isEqualTo(T1);
    assertThat(p.failureCode()).isNull();
    assertThat(p.failureReason()).isNull();
  }

  @Test
  void prepaidPaymentKeepsItsDataAndAPlainCloseKeepsTheRest() {
    Payment prepaid = payment().prepaid(Map.of("prepay_id", "wx1"), T1);
    Payment closed = prepaid.closed(T1.plusSeconds(1));

    assertThat(prepaid.status()).isEqualTo(PaymentStatus.PREPAID);
    assertThat(prepaid.prepayData()).containsEntry("prepay_id", "wx1");
    assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(closed.prepayData()).isEqualTo(prepaid.prepayData());
    assertThat(closed.updatedAt()).isEqualTo(T1.plusSeconds(1));
    assertThat(payment().unknown("TIMEOUT", "read timed out", T1).status())
        .isEqualTo(PaymentStatus.UNKNOWN);
  }

  @Test
  void refundChangesKeepTheKind() {
    Refund r =
        new Refund(
            "O1R1",
            "O1",
            "O1P1",
            1000,
            "late",
            RefundStatus.CREATED,
            null,
            null,
            T0,
            T0,
            null,
            RefundKind.LATE_PAYMENT);

    Refund done = r.processing("RF1", T0).succeeded("RF1", T1, T1);

    assertThat(done.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(done.completedAt()).isEqualTo(T1);
    assertThat(done.kind()).isEqualTo(RefundKind.LATE_PAYMENT);
    assertThat(r.failed(null, "NOT_ENOUGH", T1))
        .extracting(Refund::status, Refund::failureReason, Refund::completedAt)
        .containsExactly(RefundStatus.FAILED, "NOT_ENOUGH", null);
  }
}
