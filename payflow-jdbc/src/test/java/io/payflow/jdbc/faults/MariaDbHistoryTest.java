package io.payflow.jdbc.faults;

import io.payflow.core.faults.LifecycleHistoryContract;
import io.payflow.core.faults.StockView;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import java.util.Map;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** payflow-core's LifecycleHistoryContract on MariaDb, exactly as the in-memory parts run it. */
@LifecycleHistoryContract.HistoryTries(200)
class MariaDbHistoryTest extends LifecycleHistoryContract {

  @BeforeContainer
  static void open() {
    MariaDbFaultHarness.DB.open();
  }

  @AfterContainer
  static void close() {
    MariaDbFaultHarness.DB.close();
  }

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
