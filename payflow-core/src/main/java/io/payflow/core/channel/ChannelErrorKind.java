package io.payflow.core.channel;

/** What a channel failure means for the core. */
public enum ChannelErrorKind {
  /** The channel refused for good (bad parameters, no permission, bad signature): do not retry. */
  REJECTED,
  /** The channel is busy or failed on its side (SYSTEM_ERROR, FREQUENCY_LIMITED): try later. */
  RETRY_LATER,
  /** Timed out or broke mid-call: it may or may not have happened; query to settle it. */
  UNKNOWN_OUTCOME,
  /** The payment was already paid (ORDERPAID). */
  ALREADY_PAID,
  /** The payment was already closed (ORDER_CLOSED). */
  ALREADY_CLOSED,
  /** The payment number was used with other content (OUT_TRADE_NO_USED). */
  DUPLICATE_NUMBER,
  /** The channel does not know the payment or refund (ORDER_NOT_EXIST, RESOURCE_NOT_EXISTS). */
  NOT_FOUND
}
