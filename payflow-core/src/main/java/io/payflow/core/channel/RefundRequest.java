package io.payflow.core.channel;

import org.jspecify.annotations.Nullable;

/**
 * What a channel needs to refund.
 *
 * @param refundNo the refund number ({@code out_refund_no})
 * @param paymentNo the payment refunded ({@code out_trade_no})
 * @param transactionId the channel's transaction id, or null
 * @param amount fen to give back
 * @param paymentAmount the payment's total in fen
 * @param reason why, shown to the payer by some channels
 */
public record RefundRequest(
    String refundNo,
    String paymentNo,
    @Nullable String transactionId,
    long amount,
    long paymentAmount,
    String reason) {}
