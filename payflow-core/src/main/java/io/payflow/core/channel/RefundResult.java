package io.payflow.core.channel;

import io.payflow.core.model.RefundStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A channel's word on a refund.
 *
 * @param refundNo the refund number
 * @param paymentNo the payment refunded
 * @param status what happened: {@code PROCESSING}, {@code SUCCEEDED} or {@code FAILED}
 * @param channelRefundId the channel's refund id, or null
 * @param channelState the channel's own state name, e.g. {@code ABNORMAL}
 * @param completedAt when the money was back, or null
 */
public record RefundResult(
    String refundNo,
    String paymentNo,
    RefundStatus status,
    @Nullable String channelRefundId,
    String channelState,
    @Nullable Instant completedAt) {}
