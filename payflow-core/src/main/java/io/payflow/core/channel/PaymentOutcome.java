package io.payflow.core.channel;

/** What a channel says about a payment, reduced to what the core acts on. */
public enum PaymentOutcome {
  /** Paid (WeChat SUCCESS). */
  SUCCEEDED,
  /** Not paid yet, still payable (WeChat NOTPAY, USERPAYING). */
  PENDING,
  /** Not paid and will not be (WeChat PAYERROR). */
  FAILED,
  /** Closed or revoked before payment (WeChat CLOSED, REVOKED). */
  CLOSED,
  /** The channel has no such payment (the prepay never reached it). */
  NOT_FOUND,
  /** Refunded at the channel (WeChat REFUND): it was paid. */
  REFUNDED
}
