package io.payflow.core.faults;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What an implementation of the store and the inventory gives the fault harness: a fresh, empty
 * store and a fresh inventory stocked as asked, for every run. The abstract tests that extend this
 * ({@link PayFlowFaultContract}, {@link LifecycleHistoryContract}, {@link
 * ObservedFailuresContract}) are the same for the in-memory parts and for JDBC on PostgreSQL or
 * MariaDB.
 */
public abstract class FaultHarness {

  /** A new, empty store; each run gets its own. */
  protected abstract OrderStore createStore();

  /**
   * A new inventory holding exactly this stock per sku and nothing reserved; called after {@link
   * #createStore()} for each run.
   */
  protected abstract InventoryService createInventory(Map<String, Long> stock);

  /**
   * The inventory's own figures, to compare with the ledger, or null if it cannot say. The
   * in-memory one can.
   */
  protected @Nullable StockView stockView(InventoryService inventory) {
    return null;
  }

  /** A world of {@code nodes} instances over a new store and inventory. */
  protected FaultWorld world(int nodes, UnaryOperator<PayFlowConfig.Builder> config) {
    return world(nodes, config, null);
  }

  protected FaultWorld world(
      int nodes,
      UnaryOperator<PayFlowConfig.Builder> config,
      @Nullable Function<Clock, OrderNumberGenerator> numbers) {
    Map<String, Long> stock = FaultWorld.defaultStock();
    OrderStore store = createStore(); // first: a JDBC harness may empty every table for it
    InventoryService inventory = createInventory(stock);
    return new FaultWorld(
        new FaultWorld.Setup(
            store, inventory, stock, stockView(inventory), nodes, config, numbers));
  }
}
