package io.payflow.core.model;

/** The statuses of a refund (退款单). Allowed moves are in {@link RefundTransitions}. */
public enum RefundStatus {
  /** Persisted before the channel is called. */
  CREATED,
  /** Accepted by the channel, money on its way back. */
  PROCESSING,
  /** The money is back with the payer. Terminal. */
  SUCCEEDED,
  /** The channel refused or abandoned the refund; it needs a person. Terminal. */
  FAILED;

  /** Whether no further move is possible from this status. */
  public boolean isTerminal() {
    return RefundTransitions.targets(this).isEmpty();
  }
}
