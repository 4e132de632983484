package io.payflow.core.internal;

import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Copies of the model's records with some fields changed. The public records stay plain values;
 * these withers are the implementation's business. This class is threadsafe (it has no state).
 */
final class Records {

  private Records() {}

  static Order order(
      Order o,
      OrderStatus status,
      long version,
      @Nullable Instant paidAt,
      @Nullable Instant closedAt,
      long refundedAmount,
      @Nullable String failureReason) {
    return new Order(
        o.orderNo(),
        o.userId(),
        o.lines(),
        o.totalAmount(),
        o.description(),
        status,
        version,
        o.createdAt(),
        o.expiresAt(),
        paidAt,
        closedAt,
        refundedAmount,
        failureReason);
  }

  static Order withVersion(Order o, long version) {
    return order(
        o, o.status(), version, o.paidAt(), o.closedAt(), o.refundedAmount(), o.failureReason());
  }

  static Payment payment(
      Payment p,
      PaymentStatus status,
      Map<String, String> prepayData,
      @Nullable String transactionId,
      @Nullable String failureCode,
      @Nullable String failureReason,
      Instant updatedAt,
      @Nullable Instant paidAt) {
    return new Payment(
        p.paymentNo(),
        p.orderNo(),
        p.channel(),
        p.tradeType(),
        p.amount(),
        status,
        p.payerId(),
        p.clientIp(),
        prepayData,
        transactionId,
        failureCode,
        failureReason,
        p.createdAt(),
        updatedAt,
        paidAt);
  }

  /** The payment in {@code status}, its other fields kept. */
  static Payment payment(Payment p, PaymentStatus status, Instant updatedAt) {
    return payment(
        p,
        status,
        p.prepayData(),
        p.transactionId(),
        p.failureCode(),
        p.failureReason(),
        updatedAt,
        p.paidAt());
  }

  static Refund refund(
      Refund r,
      RefundStatus status,
      @Nullable String channelRefundId,
      @Nullable String failureReason,
      Instant updatedAt,
      @Nullable Instant completedAt) {
    return new Refund(
        r.refundNo(),
        r.orderNo(),
        r.paymentNo(),
        r.amount(),
        r.reason(),
        status,
        channelRefundId,
        failureReason,
        r.createdAt(),
        updatedAt,
        completedAt);
  }

  static Effect effect(
      Effect e,
      EffectStatus status,
      int attempts,
      Instant nextAttemptAt,
      @Nullable String lastError,
      Instant updatedAt) {
    return new Effect(
        e.id(),
        e.orderNo(),
        e.type(),
        e.target(),
        e.data(),
        status,
        attempts,
        nextAttemptAt,
        lastError,
        e.createdAt(),
        updatedAt);
  }
}
