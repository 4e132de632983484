package io.payflow.core.internal.flow;

/** Why payflow closes a payment at its channel. */
public enum CloseReason {
  /** Another payment of the order succeeded: nobody may pay it twice. */
  SUPERSEDED,
  /** The order was cancelled while this payment was starting. */
  CANCELLED,
  /** The order expired while this payment was starting. */
  EXPIRED,
  /** The order closed while this payment's prepay was in flight. */
  CLOSED_DURING_PREPAY,
  /**
   * The payment was given up (the channel did not know it) while its prepay was still in flight,
   * and then the prepay landed: nobody may pay a payment payflow no longer waits for.
   */
  GIVEN_UP_DURING_PREPAY
}
