package io.payflow.core.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A refund (退款单) of part or all of one succeeded payment.
 *
 * <p>The record is a plain value. Its named changes ({@link #processing}, {@link #succeeded},
 * {@link #failed}) return a copy in the new status with {@code updatedAt = now}; they do not check
 * the transition table ({@link RefundTransitions}): that is the writer's job.
 *
 * @param refundNo the refund number, sent to the channel as {@code out_refund_no}
 * @param orderNo the order
 * @param paymentNo the payment refunded
 * @param amount fen to give back
 * @param reason why, shown to the payer by some channels
 * @param status where the refund is
 * @param channelRefundId the channel's refund id once accepted, or null
 * @param failureReason why the channel refused it, or null
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param completedAt when the money was back with the payer, or null
 * @param kind why the refund exists: asked for, or payflow's own refund of a late payment
 */
public record Refund(
    String refundNo,
    String orderNo,
    String paymentNo,
    long amount,
    String reason,
    RefundStatus status,
    @Nullable String channelRefundId,
    @Nullable String failureReason,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant completedAt,
    RefundKind kind) {

  /** A new refund, {@code CREATED} at {@code now}: persisted before the channel is called. */
  public static Refund created(
      String refundNo,
      String orderNo,
      String paymentNo,
      long amount,
      String reason,
      RefundKind kind,
      Instant now) {
    return new Refund(
        refundNo,
        orderNo,
        paymentNo,
        amount,
        reason,
        RefundStatus.CREATED,
        null,
        null,
        now,
        now,
        null,
        kind);
  }

  /** {@code PROCESSING}: accepted by the channel as {@code channelRefundId}. */
  public Refund processing(@Nullable String channelRefundId, Instant now) {
    return with(RefundStatus.PROCESSING, channelRefundId, null, now, null);
  }

  /** {@code SUCCEEDED}: the money was back with the payer at {@code completedAt}. */
  public Refund succeeded(@Nullable String channelRefundId, Instant completedAt, Instant now) {
    return with(RefundStatus.SUCCEEDED, channelRefundId, null, now, completedAt);
  }

  /** {@code FAILED}: the channel refused or abandoned it for {@code failureReason}. */
  public Refund failed(
      @Nullable String channelRefundId, @Nullable String failureReason, Instant now) {
    return with(RefundStatus.FAILED, channelRefundId, failureReason, now, null);
  }

  private Refund with(
      RefundStatus newStatus,
      @Nullable String newChannelRefundId,
      @Nullable String newFailureReason,
      Instant now,
      @Nullable Instant newCompletedAt) {
    return new Refund(
        refundNo,
        orderNo,
        paymentNo,
        amount,
        reason,
        newStatus,
        newChannelRefundId,
        newFailureReason,
        createdAt,
        now,
        newCompletedAt,
        kind);
  }
}
