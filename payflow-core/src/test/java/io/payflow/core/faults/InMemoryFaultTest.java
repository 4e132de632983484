package io.payflow.core.faults;

import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import java.util.Map;

/** The fault runs over the in-memory store and inventory. */
class InMemoryFaultTest extends PayFlowFaultContract {

  @Override
  protected OrderStore createStore() {
    return new InMemoryOrderStore();
  }

  @Override
  protected InventoryService createInventory(Map<String, Long> stock) {
    return InMemoryStock.stocked(stock);
  }

  @Override
  protected StockView stockView(InventoryService inventory) {
    return InMemoryStock.view((InMemoryInventoryService) inventory);
  }
}
