package io.payflow.jdbc.faults;

import io.payflow.core.faults.LifecycleHistoryContract;
import io.payflow.core.faults.StockView;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import io.payflow.jdbc.TestDatabase;
import java.util.Map;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The generated histories on MariaDb: 4 instances over one database. How many is {@value
 * #TRIES_PROPERTY} (payflow-jdbc's pom: fewer than core's in the default build, more under {@code
 * -Psoak}).
 */
class MariaDbHistoryTest extends LifecycleHistoryContract {

  private static JdbcFaultStores db;

  @BeforeContainer
  static void openDatabase() {
    db = JdbcFaultStores.open(TestDatabase.MARIADB);
  }

  @AfterContainer
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
