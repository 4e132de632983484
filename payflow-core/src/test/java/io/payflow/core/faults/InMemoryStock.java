package io.payflow.core.faults;

import io.payflow.core.memory.InMemoryInventoryService;
import java.util.Map;

/** The in-memory inventory, stocked, and its figures as a {@link StockView}. */
final class InMemoryStock {

  private InMemoryStock() {}

  static InMemoryInventoryService stocked(Map<String, Long> stock) {
    InMemoryInventoryService inventory = new InMemoryInventoryService();
    stock.forEach(inventory::stock);
    return inventory;
  }

  static StockView view(InMemoryInventoryService inventory) {
    return new StockView() {
      @Override
      public long available(String sku) {
        return inventory.available(sku);
      }

      @Override
      public long reserved(String sku) {
        return inventory.reserved(sku);
      }

      @Override
      public long sold(String sku) {
        return inventory.sold(sku);
      }
    };
  }
}
