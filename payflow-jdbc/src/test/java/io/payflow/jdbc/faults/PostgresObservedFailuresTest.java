package io.payflow.jdbc.faults;

import io.payflow.core.faults.ObservedFailuresContract;
import io.payflow.core.faults.StockView;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import io.payflow.jdbc.JdbcTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** payflow-core's ObservedFailuresContract on Postgres, exactly as the in-memory parts run it. */
class PostgresObservedFailuresTest extends ObservedFailuresContract {

  @RegisterExtension static final JdbcTestDatabase db = PostgresFaultHarness.DB;

  @Override
  protected OrderStore createStore() {
    return PostgresFaultHarness.DB.freshStore();
  }

  @Override
  protected InventoryService createInventory(Map<String, Long> stock) {
    return PostgresFaultHarness.DB.freshInventory(stock);
  }

  @Override
  protected StockView stockView(InventoryService inventory) {
    return PostgresFaultHarness.view(inventory);
  }
}
