package io.payflow.jdbc;

/** Where an order's stock reservation is in a {@link JdbcInventoryService}. */
public enum ReservationState {
  /** Stock held for the order, neither sold nor given back yet. */
  RESERVED,
  /** Sold (扣减): the order was paid. */
  CONFIRMED,
  /** Given back for sale (释放): the order was closed or failed. */
  RELEASED
}
