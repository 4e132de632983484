package io.payflow.core.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The explicit transition table of {@link OrderStatus}. A move to the same status is not in the
 * table: callers treat it as a repeated, idempotent move.
 *
 * <p>This class is threadsafe.
 */
public final class OrderTransitions {

  private static final Map<OrderStatus, Set<OrderStatus>> TABLE = new EnumMap<>(OrderStatus.class);

  static {
    TABLE.put(OrderStatus.RESERVING, EnumSet.of(OrderStatus.PENDING_PAYMENT, OrderStatus.CLOSED));
    TABLE.put(
        OrderStatus.PENDING_PAYMENT,
        EnumSet.of(OrderStatus.PAID, OrderStatus.PAYMENT_FAILED, OrderStatus.CLOSED));
    TABLE.put(OrderStatus.PAID, EnumSet.of(OrderStatus.FULFILLING, OrderStatus.REFUNDING));
    TABLE.put(OrderStatus.FULFILLING, EnumSet.of(OrderStatus.REFUNDING));
    // A refund the channel refuses before anything was refunded returns the order to where it was
    // (PAID, or FULFILLING once fulfilment started), so that it can be refunded again.
    TABLE.put(
        OrderStatus.REFUNDING,
        EnumSet.of(
            OrderStatus.REFUNDED,
            OrderStatus.PARTIALLY_REFUNDED,
            OrderStatus.PAID,
            OrderStatus.FULFILLING));
    TABLE.put(OrderStatus.PARTIALLY_REFUNDED, EnumSet.of(OrderStatus.REFUNDING));
    TABLE.put(OrderStatus.PAYMENT_FAILED, EnumSet.noneOf(OrderStatus.class));
    TABLE.put(OrderStatus.CLOSED, EnumSet.noneOf(OrderStatus.class));
    TABLE.put(OrderStatus.REFUNDED, EnumSet.noneOf(OrderStatus.class));
  }

  private OrderTransitions() {}

  /** Whether {@code from → to} is in the table. */
  public static boolean allowed(OrderStatus from, OrderStatus to) {
    return TABLE.get(from).contains(to);
  }

  /** The statuses reachable in one move from {@code from}. */
  public static Set<OrderStatus> targets(OrderStatus from) {
    return Set.copyOf(TABLE.get(from));
  }
}
