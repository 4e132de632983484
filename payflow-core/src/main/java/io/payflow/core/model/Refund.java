package io.payflow.core.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A refund (退款单) of part or all of one succeeded payment.
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
    @Nullable Instant completedAt) {}
