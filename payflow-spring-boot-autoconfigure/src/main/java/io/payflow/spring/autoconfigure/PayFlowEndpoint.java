package io.payflow.spring.autoconfigure;

import io.payflow.core.OrderDetails;
import io.payflow.core.PayFlow;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.Payment;
import io.payflow.core.model.Refund;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.StoreStatistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The operator's console as an Actuator endpoint, {@code payflow}: what the store holds, read from
 * the store (so every instance of the shop shows the same), and the one repair an operator makes.
 *
 * <ul>
 *   <li>{@code GET /actuator/payflow}: counts of orders, payments, refunds and effects by status;
 *       the dead effects with their last error; the payments and refunds still awaiting a result,
 *       oldest first, with how long they have waited.
 *   <li>{@code GET /actuator/payflow/{orderNo}}: one order with its payments, refunds and effects,
 *       and its Mermaid sequence diagram; 404 if there is no such order.
 *   <li>{@code POST /actuator/payflow} {@code {"effectId":"…"}}: puts a dead effect back in the
 *       queue ({@link PayFlow#retryEffect}). It may send a notification again or refund money, so
 *       the host must secure it.
 * </ul>
 *
 * Like every Actuator endpoint it is reachable over HTTP only when the host exposes it ({@code
 * management.endpoints.web.exposure.include=payflow}). Times are ISO-8601 UTC, amounts fen.
 *
 * <p>This class is threadsafe.
 */
@Endpoint(id = PayFlowEndpoint.ID)
public class PayFlowEndpoint {

  /** The endpoint id: {@code /actuator/payflow}. */
  public static final String ID = "payflow";

  /** How many dead effects and awaiting payments and refunds the overview lists at most. */
  public static final int LIST_LIMIT = 50;

  private final OrderStore store;
  private final PayFlow payFlow;
  private final Clock clock;

  public PayFlowEndpoint(OrderStore store, PayFlow payFlow, Clock clock) {
    this.store = store;
    this.payFlow = payFlow;
    this.clock = clock;
  }

  /** The store's counts, its dead effects, and what awaits a result. */
  @ReadOperation
  public Overview overview() {
    Instant now = clock.instant();
    StoreStatistics statistics = store.statistics();
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    counts.put("orders", names(statistics.orders()));
    counts.put("payments", names(statistics.payments()));
    counts.put("refunds", names(statistics.refunds()));
    counts.put("effects", names(statistics.effects()));
    // Overdue: payflow should have asked the channel about it by now (主动查单).
    Duration queryAfter = payFlow.config().reconcileQueryAfter();
    return new Overview(
        store.getClass().getSimpleName(),
        now.toString(),
        counts,
        store.findEffectsByStatus(EffectStatus.DEAD, LIST_LIMIT).stream()
            .map(PayFlowEndpoint::effect)
            .toList(),
        store.findPaymentsAwaitingResult(now, LIST_LIMIT).stream()
            .map(p -> awaiting(p, now, queryAfter))
            .toList(),
        store.findRefundsAwaitingResult(now, LIST_LIMIT).stream()
            .map(r -> awaiting(r, now, queryAfter))
            .toList());
  }

  /** One order as the store holds it, with its sequence diagram; null (404) if unknown. */
  @ReadOperation
  public @Nullable OrderReport order(@Selector String orderNo) {
    Optional<OrderDetails> found = payFlow.find(orderNo);
    if (found.isEmpty()) {
      return null;
    }
    OrderDetails details = found.get();
    Order o = details.order();
    return new OrderReport(
        new OrderView(
            o.orderNo(),
            o.userId(),
            o.status().name(),
            o.totalAmount(),
            o.refundedAmount(),
            o.lines(),
            o.createdAt().toString(),
            o.expiresAt().toString(),
            text(o.paidAt()),
            text(o.closedAt()),
            o.failureReason()),
        details.payments().stream().map(PayFlowEndpoint::payment).toList(),
        details.refunds().stream().map(PayFlowEndpoint::refund).toList(),
        details.effects().stream().map(PayFlowEndpoint::effect).toList(),
        payFlow.traceDiagram(orderNo));
  }

  /**
   * Puts a dead effect back in the queue; it runs again with its own idempotency key.
   *
   * @param effectId the effect's id, as the overview lists it
   */
  @WriteOperation
  public RetryAnswer retryEffect(String effectId) {
    return new RetryAnswer(effectId, payFlow.retryEffect(effectId));
  }

  private static <E extends Enum<E>> Map<String, Long> names(Map<E, Long> counts) {
    Map<String, Long> named = new LinkedHashMap<>();
    counts.forEach((status, count) -> named.put(status.name(), count));
    return named;
  }

  private static EffectView effect(Effect e) {
    return new EffectView(
        e.id(),
        e.orderNo(),
        e.type().name(),
        e.target(),
        e.status().name(),
        e.attempts(),
        e.lastError(),
        e.nextAttemptAt().toString(),
        e.updatedAt().toString());
  }

  private static AwaitingView awaiting(Payment p, Instant now, Duration overdueAfter) {
    Duration waiting = Duration.between(p.createdAt(), now);
    return new AwaitingView(
        p.paymentNo(),
        p.orderNo(),
        p.status().name(),
        p.amount(),
        p.createdAt().toString(),
        waiting.toSeconds(),
        waiting.compareTo(overdueAfter) > 0);
  }

  private static AwaitingView awaiting(Refund r, Instant now, Duration overdueAfter) {
    Duration waiting = Duration.between(r.updatedAt(), now);
    return new AwaitingView(
        r.refundNo(),
        r.orderNo(),
        r.status().name(),
        r.amount(),
        r.updatedAt().toString(),
        waiting.toSeconds(),
        waiting.compareTo(overdueAfter) > 0);
  }

  private static PaymentView payment(Payment p) {
    return new PaymentView(
        p.paymentNo(),
        p.channel(),
        p.tradeType().name(),
        p.amount(),
        p.status().name(),
        p.transactionId(),
        p.failureCode(),
        p.failureReason(),
        p.createdAt().toString(),
        text(p.paidAt()));
  }

  private static RefundView refund(Refund r) {
    return new RefundView(
        r.refundNo(),
        r.paymentNo(),
        r.amount(),
        r.reason(),
        r.status().name(),
        r.kind().name(),
        r.failureReason(),
        r.createdAt().toString(),
        text(r.completedAt()));
  }

  private static @Nullable String text(@Nullable Instant at) {
    return at == null ? null : at.toString();
  }

  /**
   * {@code GET /actuator/payflow}.
   *
   * @param store the store's class, e.g. {@code JdbcOrderStore}
   * @param at when this was read
   * @param counts {@code orders}, {@code payments}, {@code refunds}, {@code effects}: by status,
   *     every status present
   * @param deadEffects up to {@link #LIST_LIMIT} dead effects, least recently updated first
   * @param awaitingPayments up to {@link #LIST_LIMIT} payments without a result yet, oldest first
   * @param awaitingRefunds up to {@link #LIST_LIMIT} refunds without a result yet, oldest first
   */
  public record Overview(
      String store,
      String at,
      Map<String, Map<String, Long>> counts,
      List<EffectView> deadEffects,
      List<AwaitingView> awaitingPayments,
      List<AwaitingView> awaitingRefunds) {}

  /**
   * An effect of the outbox.
   *
   * @param lastError its last failure, or null
   */
  public record EffectView(
      String id,
      String orderNo,
      String type,
      @Nullable String target,
      String status,
      int attempts,
      @Nullable String lastError,
      String nextAttemptAt,
      String updatedAt) {}

  /**
   * A payment or refund awaiting its result.
   *
   * @param number the payment or refund number
   * @param since when it was created (payment) or last changed (refund)
   * @param waitingSeconds how long it has waited
   * @param overdue whether it waited longer than {@code payflow.reconcile.query-after}, after which
   *     payflow asks the channel
   */
  public record AwaitingView(
      String number,
      String orderNo,
      String status,
      long amount,
      String since,
      long waitingSeconds,
      boolean overdue) {}

  /** {@code GET /actuator/payflow/{orderNo}}. */
  public record OrderReport(
      OrderView order,
      List<PaymentView> payments,
      List<RefundView> refunds,
      List<EffectView> effects,
      String trace) {}

  /** An order. */
  public record OrderView(
      String orderNo,
      String userId,
      String status,
      long totalAmount,
      long refundedAmount,
      List<OrderLine> lines,
      String createdAt,
      String expiresAt,
      @Nullable String paidAt,
      @Nullable String closedAt,
      @Nullable String failureReason) {}

  /** A payment (支付单). */
  public record PaymentView(
      String paymentNo,
      String channel,
      String tradeType,
      long amount,
      String status,
      @Nullable String transactionId,
      @Nullable String failureCode,
      @Nullable String failureReason,
      String createdAt,
      @Nullable String paidAt) {}

  /**
   * A refund (退款单).
   *
   * @param kind {@code REQUESTED} (asked by the shop) or {@code LATE_PAYMENT} (payflow gives back
   *     money that came for an order that could no longer take it)
   */
  public record RefundView(
      String refundNo,
      String paymentNo,
      long amount,
      String reason,
      String status,
      String kind,
      @Nullable String failureReason,
      String createdAt,
      @Nullable String completedAt) {}

  /**
   * The answer to a retry.
   *
   * @param retried false if the effect was not dead (already retried, or no such effect)
   */
  public record RetryAnswer(String effectId, boolean retried) {}
}
