package io.payflow.jdbc.faults;

import io.payflow.core.faults.StockView;
import io.payflow.core.spi.InventoryService;
import io.payflow.jdbc.JdbcInventoryService;
import io.payflow.jdbc.JdbcTestDatabase;
import io.payflow.jdbc.TestDatabase;

/** The stores and inventory of the fault harness on Postgres. */
final class PostgresFaultHarness {

  static final JdbcTestDatabase DB = JdbcTestDatabase.on(TestDatabase.POSTGRESQL);

  private PostgresFaultHarness() {}

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
}
