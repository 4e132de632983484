package io.payflow.core.model;

/** The statuses of a refund (退款单). */
public enum RefundStatus {
  /** Persisted before the channel is called. */
  CREATED,
  /** Accepted by the channel, money on its way back. */
  PROCESSING,
  /** The money is back with the payer. Terminal. */
  SUCCEEDED,
  /** The channel refused or abandoned the refund; it needs a person. Terminal. */
  FAILED
}
