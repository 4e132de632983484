package io.payflow.jdbc;

import io.payflow.core.spi.InventoryService;
import io.payflow.jdbc.internal.JdbcInventoryServiceImpl;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link InventoryService} on plain JDBC: a row of stock per sku and a reservation per order.
 *
 * <p>A reservation takes all lines or none in one transaction, each with a conditional update
 * ({@code UPDATE stock SET available = available - ? WHERE sku = ? AND available >= ?}), skus in a
 * fixed order so that two orders never deadlock: no lost update, no oversell, however many
 * instances and threads buy the last units of one sku. Confirm and release are idempotent and
 * settle a reservation once: a confirmed one stays sold, a released one is not taken again.
 *
 * <p>This type is threadsafe.
 */
public interface JdbcInventoryService extends InventoryService {

  /** Sets the units of {@code sku} available for sale (reservations keep what they hold). */
  void setStock(String sku, long available);

  /**
   * Sets the units of {@code sku} available for sale only if the sku was never stocked: for seeding
   * a shop at startup without undoing what it sold since. Whether it set them.
   */
  boolean initStock(String sku, long available);

  /** The stock of a sku: available, reserved and sold units (all 0 for a sku never stocked). */
  StockLevel stock(String sku);

  /** Where an order's reservation is, or empty if it never reserved. */
  Optional<ReservationState> reservation(String orderNo);

  /** An inventory on {@code dataSource}, default table prefix, vendor detected. */
  static JdbcInventoryService create(DataSource dataSource) {
    return create(JdbcConfig.of(dataSource));
  }

  /** An inventory as {@code config} says. The tables must exist ({@link JdbcSchema#initialize}). */
  static JdbcInventoryService create(JdbcConfig config) {
    return new JdbcInventoryServiceImpl(config);
  }
}
