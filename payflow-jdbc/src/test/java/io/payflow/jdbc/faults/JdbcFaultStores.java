package io.payflow.jdbc.faults;

import io.payflow.core.faults.StockView;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import io.payflow.jdbc.JdbcInventoryService;
import io.payflow.jdbc.JdbcOrderStore;
import io.payflow.jdbc.JdbcTestDatabase;
import io.payflow.jdbc.TestDatabase;
import java.util.Map;

/**
 * What the fault contracts ask of a database: the inventory on emptied tables stocked as asked (the
 * harness asks for it first), then a store on those same tables, and the inventory's own figures.
 * One per test class; not threadsafe (the contracts build their worlds one at a time).
 */
final class JdbcFaultStores implements AutoCloseable {

  private final JdbcTestDatabase db;

  private JdbcFaultStores(JdbcTestDatabase db) {
    this.db = db;
  }

  /** Opens a fresh database of this kind (closed by {@link #close}). */
  static JdbcFaultStores open(TestDatabase kind) {
    return new JdbcFaultStores(JdbcTestDatabase.on(kind).open());
  }

  JdbcTestDatabase database() {
    return db;
  }

  /** Empties every table and stocks the inventory. */
  InventoryService inventory(Map<String, Long> stock) {
    return db.freshInventory(stock);
  }

  /** A store on the tables {@link #inventory} just emptied. */
  OrderStore store() {
    return JdbcOrderStore.create(db.config());
  }

  static StockView view(InventoryService inventory) {
    JdbcInventoryService jdbc = (JdbcInventoryService) inventory;
    return new StockView() {
      @Override
      public long available(String sku) {
        return jdbc.stock(sku).available();
      }

      @Override
      public long reserved(String sku) {
        return jdbc.stock(sku).reserved();
      }

      @Override
      public long sold(String sku) {
        return jdbc.stock(sku).sold();
      }
    };
  }

  @Override
  public void close() {
    db.close();
  }
}
