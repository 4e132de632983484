package io.payflow.jdbc.faults;

import io.payflow.core.faults.LifecycleHistoryContract;
import io.payflow.core.faults.StockView;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import java.util.Map;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** payflow-core's LifecycleHistoryContract on Postgres, exactly as the in-memory parts run it. */
@LifecycleHistoryContract.HistoryTries(200)
class PostgresHistoryTest extends LifecycleHistoryContract {

  @BeforeContainer
  static void open() {
    PostgresFaultHarness.DB.open();
  }

  @AfterContainer
  static void close() {
    PostgresFaultHarness.DB.close();
  }

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
