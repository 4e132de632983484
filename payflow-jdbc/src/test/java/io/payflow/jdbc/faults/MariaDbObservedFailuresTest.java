package io.payflow.jdbc.faults;

import io.payflow.core.faults.ObservedFailuresContract;
import io.payflow.core.faults.StockView;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import io.payflow.jdbc.JdbcTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** payflow-core's ObservedFailuresContract on MariaDb, exactly as the in-memory parts run it. */
class MariaDbObservedFailuresTest extends ObservedFailuresContract {

  @RegisterExtension static final JdbcTestDatabase db = MariaDbFaultHarness.DB;

  @Override
  protected OrderStore createStore() {
    return MariaDbFaultHarness.DB.freshStore();
  }

  @Override
  protected InventoryService createInventory(Map<String, Long> stock) {
    return MariaDbFaultHarness.DB.freshInventory(stock);
  }

  @Override
  protected StockView stockView(InventoryService inventory) {
    return MariaDbFaultHarness.view(inventory);
  }
}
