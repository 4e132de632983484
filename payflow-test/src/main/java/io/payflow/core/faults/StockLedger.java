package io.payflow.core.faults;

import io.payflow.core.model.OrderLine;
import io.payflow.core.spi.InventoryService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory under test, seen through a ledger: for each order number, the units its reservation
 * took and whether it was then confirmed or released, following the SPI's rules (keyed by order
 * number, idempotent, a confirmed reservation is not released). It sits under the fault wrappers,
 * so it sees exactly the calls that reached the inventory. Threadsafe.
 */
public final class StockLedger implements InventoryService {

  /** Where an order's reservation is. */
  public enum State {
    RESERVED,
    CONFIRMED,
    RELEASED
  }

  /** One order's reservation. */
  public static final class Entry {
    final Map<String, Long> units;
    State state = State.RESERVED;
    int confirmCalls;
    int releaseCalls;

    Entry(Map<String, Long> units) {
      this.units = units;
    }

    public State state() {
      return state;
    }

    public Map<String, Long> units() {
      return Map.copyOf(units);
    }

    @Override
    public String toString() {
      return state + " " + units;
    }
  }

  private final InventoryService delegate;
  private final Map<String, Long> initial;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<String> anomalies = new ArrayList<>();

  public StockLedger(InventoryService delegate, Map<String, Long> initial) {
    this.delegate = delegate;
    this.initial = Map.copyOf(initial);
  }

  @Override
  public synchronized void reserve(String orderNo, List<OrderLine> lines) {
    delegate.reserve(orderNo, lines);
    Map<String, Long> units = new LinkedHashMap<>();
    lines.forEach(l -> units.merge(l.sku(), (long) l.quantity(), Long::sum));
    Entry existing = entries.get(orderNo);
    if (existing == null) {
      entries.put(orderNo, new Entry(units));
    } else if (!existing.units.equals(units)) {
      anomalies.add(
          "order "
              + orderNo
              + " reserved "
              + units
              + " over another reservation "
              + existing
              + " under the same number");
    }
  }

  @Override
  public synchronized void confirm(String orderNo) {
    delegate.confirm(orderNo);
    Entry e = entries.get(orderNo);
    if (e == null) {
      anomalies.add("order " + orderNo + " confirmed without a reservation");
      return;
    }
    e.confirmCalls++;
    if (e.state == State.RESERVED) {
      e.state = State.CONFIRMED;
    } else if (e.state == State.RELEASED) {
      anomalies.add("order " + orderNo + " confirmed after its stock was released");
    }
  }

  @Override
  public synchronized void release(String orderNo) {
    delegate.release(orderNo);
    Entry e = entries.get(orderNo);
    if (e == null) {
      return; // a no-op for a never-reserved order, as the SPI says
    }
    e.releaseCalls++;
    if (e.state == State.RESERVED) {
      e.state = State.RELEASED;
    }
  }

  public synchronized Map<String, Entry> entries() {
    return new LinkedHashMap<>(entries);
  }

  public synchronized List<String> anomalies() {
    return List.copyOf(anomalies);
  }

  public Map<String, Long> initial() {
    return initial;
  }

  /** Units of a sku in reservations that are in this state. */
  public synchronized long units(String sku, State state) {
    return entries.values().stream()
        .filter(e -> e.state == state)
        .mapToLong(e -> e.units.getOrDefault(sku, 0L))
        .sum();
  }

  public InventoryService delegate() {
    return delegate;
  }
}
