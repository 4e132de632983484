package io.payflow.jdbc.faults;

import io.payflow.core.faults.PayFlowFaultContract;
import io.payflow.core.faults.StockView;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import io.payflow.jdbc.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The fault runs on Postgres through JdbcOrderStore and JdbcInventoryService. */
class PostgresFaultTest extends PayFlowFaultContract {

  private static JdbcFaultStores db;

  @BeforeAll
  static void openDatabase() {
    db = JdbcFaultStores.open(TestDatabase.POSTGRESQL);
  }

  @AfterAll
  static void closeDatabase() {
    db.close();
  }

  @Override
  protected OrderStore createStore() {
    return db.store();
  }

  @Override
  protected InventoryService createInventory(Map<String, Long> stock) {
    return db.inventory(stock);
  }

  @Override
  protected StockView stockView(InventoryService inventory) {
    return JdbcFaultStores.view(inventory);
  }
}
