package io.payflow.core.model;

/** The statuses of an order (订单). Allowed moves are in {@link OrderTransitions}. */
public enum OrderStatus {
  /**
   * Stored before stock is touched (intent before action): the store holds the order, which owes
   * its stock release, while its stock is being reserved. Not payable. Moves on to {@code
   * PENDING_PAYMENT} once reserved, or to {@code CLOSED}; one that a crash left here is closed by
   * expiry, its stock released.
   */
  RESERVING,
  /** Created, stock reserved, waiting for a payment to succeed. */
  PENDING_PAYMENT,
  /** A payment succeeded; stock is being confirmed and fulfilment started. */
  PAID,
  /** Fulfilment (发货) has started. */
  FULFILLING,
  /** The payment failed; the reserved stock is released. Terminal. */
  PAYMENT_FAILED,
  /** Expired or cancelled before payment; the reserved stock is released. Terminal. */
  CLOSED,
  /** A refund of a paid order is in progress. */
  REFUNDING,
  /** The whole paid amount was refunded. Terminal. */
  REFUNDED,
  /** Part of the paid amount was refunded. */
  PARTIALLY_REFUNDED;

  /** Whether no further move is possible from this status. */
  public boolean isTerminal() {
    return OrderTransitions.targets(this).isEmpty();
  }
}
