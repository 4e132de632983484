package io.payflow.wechat.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a refund as the simulator holds it.
 *
 * @param outRefundNo the merchant's refund number
 * @param refundId WeChat's refund id
 * @param outTradeNo the refunded order
 * @param transactionId WeChat's transaction id of the refunded order
 * @param refund the refunded amount in fen (分)
 * @param total the order's total in fen
 * @param status the refund status
 * @param notifyUrl the refund's {@code notify_url}, if one was given
 * @param createTime when it was requested
 * @param successTime when it succeeded; {@code null} unless it did
 */
public record SimulatedRefund(
    String outRefundNo,
    String refundId,
    String outTradeNo,
    String transactionId,
    long refund,
    long total,
    RefundStatus status,
    @Nullable String notifyUrl,
    Instant createTime,
    @Nullable Instant successTime) {}
