package io.payflow.core.spi;

/**
 * Kinds of time-driven work claimed through {@link OrderStore#claimDueWork}: what the item's key
 * is, when it is due, and which field orders never-claimed items.
 */
public enum DueWorkKind {
  /**
   * Closing an unpaid order. Key: the order number. Due: the order is {@code RESERVING} or {@code
   * PENDING_PAYMENT} and its {@code expiresAt <= cutoff}.
   */
  EXPIRY,
  /**
   * Asking the channel for a payment's result (主动查单). Key: the payment number. Due: the payment is
   * {@code CREATED}, {@code PREPAID} or {@code UNKNOWN} and its {@code createdAt <= cutoff}.
   */
  PAYMENT_CHECK,
  /**
   * Asking the channel for a refund's result. Key: the refund number. Due: the refund is {@code
   * CREATED} or {@code PROCESSING} and its {@code updatedAt <= cutoff}.
   */
  REFUND_CHECK
}
