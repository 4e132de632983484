package io.payflow.spring.autoconfigure;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundKind;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.TradeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A store as an operator finds it, written through the store SPI alone: an unpaid order whose
 * payment has waited ten minutes for WeChat and whose stock release died after three attempts, and
 * a paid order with a refund processing for thirty seconds.
 */
final class ConsoleStore {

  static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  static final String UNPAID = "2026112417500000000001";
  static final String PAID = "2026112417500000000002";
  static final String WAITING_PAYMENT = UNPAID + "P1";
  static final String PROCESSING_REFUND = PAID + "R1";
  static final String DEAD_EFFECT = UNPAID + "/RELEASE_STOCK/-/cancelled";

  private ConsoleStore() {}

  static InMemoryOrderStore filled() {
    InMemoryOrderStore store = new InMemoryOrderStore();
    Instant tenMinutesAgo = NOW.minus(Duration.ofMinutes(10));
    store.insert(
        new OrderRecord(
            order(UNPAID, OrderStatus.PENDING_PAYMENT, tenMinutesAgo, 0),
            List.of(payment(WAITING_PAYMENT, UNPAID, PaymentStatus.PREPAID, tenMinutesAgo)),
            List.of()),
        List.of(
            new Effect(
                DEAD_EFFECT,
                UNPAID,
                EffectType.RELEASE_STOCK,
                null,
                Map.of(),
                EffectStatus.PENDING,
                0,
                tenMinutesAgo,
                null,
                tenMinutesAgo,
                tenMinutesAgo)),
        List.of());
    ClaimedEffect claimed =
        store.claimEffects(List.of(DEAD_EFFECT), NOW, NOW.plusSeconds(60)).get(0);
    store.parkEffect(DEAD_EFFECT, claimed.token(), 3, "stock service down", NOW);

    Instant halfAMinuteAgo = NOW.minusSeconds(30);
    store.insert(
        new OrderRecord(
            order(PAID, OrderStatus.FULFILLING, tenMinutesAgo, 0),
            List.of(payment(PAID + "P1", PAID, PaymentStatus.SUCCEEDED, tenMinutesAgo)),
            List.of(
                new Refund(
                    PROCESSING_REFUND,
                    PAID,
                    PAID + "P1",
                    50,
                    "one cup broken",
                    RefundStatus.PROCESSING,
                    "50300000000000000001",
                    null,
                    halfAMinuteAgo,
                    halfAMinuteAgo,
                    null,
                    RefundKind.REQUESTED))),
        List.of(),
        List.of());
    return store;
  }

  private static Order order(String orderNo, OrderStatus status, Instant at, long refunded) {
    return new Order(
        orderNo,
        "user-1",
        List.of(new OrderLine("SKU-1", 2, 100)),
        200,
        "two cups",
        status,
        1,
        at,
        at.plus(Duration.ofMinutes(30)),
        status == OrderStatus.PENDING_PAYMENT ? null : at,
        null,
        refunded,
        null,
        null);
  }

  private static Payment payment(
      String paymentNo, String orderNo, PaymentStatus status, Instant at) {
    return new Payment(
        paymentNo,
        orderNo,
        "stub",
        TradeType.NATIVE,
        200,
        status,
        null,
        "127.0.0.1",
        Map.of("code_url", "weixin://wxpay/bizpayurl?pr=test"),
        status == PaymentStatus.SUCCEEDED ? "4200000000000000000001" : null,
        null,
        null,
        at,
        at,
        status == PaymentStatus.SUCCEEDED ? at : null);
  }
}
