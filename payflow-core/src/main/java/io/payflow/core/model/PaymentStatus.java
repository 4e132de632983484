package io.payflow.core.model;

/** The statuses of a payment (支付单). Allowed moves are in {@link PaymentTransitions}. */
public enum PaymentStatus {
  /** Persisted before the channel is called. */
  CREATED,
  /** The channel accepted the prepay (统一下单); waiting for the payer. */
  PREPAID,
  /**
   * The channel refused the prepay, or has no such payment after the prepay grace; the order stays
   * payable with a new payment. Only money that arrives anyway moves it on ({@code SUCCEEDED},
   * recorded and refunded as a late payment).
   */
  PREPAY_FAILED,
  /** The channel says the money was paid. Terminal. */
  SUCCEEDED,
  /** The channel says the payment failed (e.g. PAYERROR). */
  FAILED,
  /** Closed at the channel (expired, cancelled, or superseded). */
  CLOSED,
  /** A channel call timed out: the outcome is unknown until a query settles it. */
  UNKNOWN;

  /** Whether no further move is possible from this status. */
  public boolean isTerminal() {
    return PaymentTransitions.targets(this).isEmpty();
  }
}
