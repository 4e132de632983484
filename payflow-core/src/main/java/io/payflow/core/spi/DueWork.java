package io.payflow.core.spi;

/**
 * One claimed item of time-driven work, handed out by {@link OrderStore#claimDueWork}.
 *
 * @param kind what is to be done
 * @param key the order number ({@link DueWorkKind#EXPIRY}), payment number ({@link
 *     DueWorkKind#PAYMENT_CHECK}) or refund number ({@link DueWorkKind#REFUND_CHECK})
 * @param orderNo the order the item belongs to (equal to {@code key} for expiry)
 * @param attempts how many times the item has been claimed, this claim included (1 on the first)
 */
public record DueWork(DueWorkKind kind, String key, String orderNo, int attempts) {}
