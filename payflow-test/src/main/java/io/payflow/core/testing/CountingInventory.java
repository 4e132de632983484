package io.payflow.core.testing;

import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.model.OrderLine;
import io.payflow.core.spi.InventoryService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-memory inventory, counting confirm and release calls per order. Threadsafe. */
public final class CountingInventory implements InventoryService {

  public final InMemoryInventoryService stock = new InMemoryInventoryService();
  private final Map<String, AtomicInteger> confirms = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> releases = new ConcurrentHashMap<>();

  @Override
  public void reserve(String orderNo, List<OrderLine> lines) {
    stock.reserve(orderNo, lines);
  }

  @Override
  public void confirm(String orderNo) {
    confirms.computeIfAbsent(orderNo, k -> new AtomicInteger()).incrementAndGet();
    stock.confirm(orderNo);
  }

  @Override
  public void release(String orderNo) {
    releases.computeIfAbsent(orderNo, k -> new AtomicInteger()).incrementAndGet();
    stock.release(orderNo);
  }

  public int confirms(String orderNo) {
    return confirms.getOrDefault(orderNo, new AtomicInteger()).get();
  }

  public int releases(String orderNo) {
    return releases.getOrDefault(orderNo, new AtomicInteger()).get();
  }

  /** available + reserved + sold: constant whatever happens to orders. */
  public long total(String sku) {
    return stock.available(sku) + stock.reserved(sku) + stock.sold(sku);
  }
}
