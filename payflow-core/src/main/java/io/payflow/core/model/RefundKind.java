package io.payflow.core.model;

/** Why a refund (退款单) exists, which decides whether it moves its order. */
public enum RefundKind {
  /**
   * Asked for through {@code PayFlow#refund}: it takes money the order kept, so it moves the order
   * through {@code REFUNDING} to {@code REFUNDED} or {@code PARTIALLY_REFUNDED}.
   */
  REQUESTED,
  /**
   * Made by payflow for money that arrived for an order that could no longer take it (closed,
   * failed, or paid by another payment). The order never took that money: the refund does not move
   * it.
   */
  LATE_PAYMENT
}
