package io.payflow.jdbc.contract;

import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.contract.InventoryServiceContract;
import io.payflow.jdbc.JdbcInventoryService;
import io.payflow.jdbc.JdbcTestDatabase;
import io.payflow.jdbc.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbInventoryServiceTest extends InventoryServiceContract {

  @RegisterExtension
  static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.MARIADB, "inv_");

  private JdbcInventoryService inventory;

  @Override
  protected InventoryService createInventory(Map<String, Long> stock) {
    inventory = db.freshInventory(stock);
    return inventory;
  }

  @Override
  protected long available(String sku) {
    return inventory.stock(sku).available();
  }
}
