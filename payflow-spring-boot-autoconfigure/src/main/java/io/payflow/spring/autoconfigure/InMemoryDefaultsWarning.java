package io.payflow.spring.autoconfigure;

import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.PriceCatalog;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs one warning at startup listing every embedded default in use. One line rather than one per
 * bean, so that it is read rather than scrolled past, and only after all singletons exist, so that
 * it reflects the beans actually in force.
 */
final class InMemoryDefaultsWarning implements SmartInitializingSingleton {

  static final String MESSAGE_START = "payflow is running on defaults that are not for production";

  private static final Logger log = LoggerFactory.getLogger(InMemoryDefaultsWarning.class);

  private final ObjectProvider<OrderStore> store;
  private final ObjectProvider<InventoryService> inventory;
  private final ObjectProvider<PriceCatalog> catalog;
  private final ObjectProvider<FulfillmentService> fulfillment;

  InMemoryDefaultsWarning(
      ObjectProvider<OrderStore> store,
      ObjectProvider<InventoryService> inventory,
      ObjectProvider<PriceCatalog> catalog,
      ObjectProvider<FulfillmentService> fulfillment) {
    this.store = store;
    this.inventory = inventory;
    this.catalog = catalog;
    this.fulfillment = fulfillment;
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<String> defaults = new ArrayList<>();
    if (store.getIfUnique() instanceof InMemoryOrderStore) {
      defaults.add("OrderStore in memory (orders are lost on restart and not shared by instances)");
    }
    if (inventory.getIfUnique() instanceof InMemoryInventoryService) {
      defaults.add(
          "InventoryService in memory (stock is lost on restart and not shared by instances)");
    }
    if (catalog.getIfUnique() instanceof InMemoryPriceCatalog) {
      defaults.add(
          "PriceCatalog in memory (prices are lost on restart and not shared by instances)");
    }
    if (fulfillment.getIfUnique() instanceof LoggingFulfillmentService) {
      defaults.add("FulfillmentService that only logs (nothing is shipped)");
    }
    if (!defaults.isEmpty()) {
      log.warn(
          "{}: {}. Declare your own beans of these types to replace them.",
          MESSAGE_START,
          String.join("; ", defaults));
    }
  }
}
