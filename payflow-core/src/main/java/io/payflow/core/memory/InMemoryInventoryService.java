package io.payflow.core.memory;

import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.OrderLine;
import io.payflow.core.spi.InventoryService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link InventoryService} in memory: stock per sku, and one reservation per order that is
 * reserved, then either confirmed (sold) or released. The embedded default, for tests and demos;
 * not for production.
 *
 * <p>This class is threadsafe.
 */
public final class InMemoryInventoryService implements InventoryService {

  /** Where an order's reservation is. */
  public enum ReservationState {
    RESERVED,
    CONFIRMED,
    RELEASED
  }

  private record Reservation(Map<String, Long> quantities, ReservationState state) {}

  private final Object lock = new Object();
  private final Map<String, Long> available = new LinkedHashMap<>();
  private final Map<String, Long> sold = new HashMap<>();
  private final Map<String, Reservation> reservations = new HashMap<>();

  /** Sets the stock available for sale of a sku (not counting reservations). */
  public InMemoryInventoryService stock(String sku, long quantity) {
    if (sku == null || sku.isBlank()) {
      throw new InvalidRequestException("sku", "must not be blank");
    }
    if (quantity < 0) {
      throw new InvalidRequestException("quantity", "stock of " + sku + " cannot be negative");
    }
    synchronized (lock) {
      available.put(sku, quantity);
    }
    return this;
  }

  @Override
  public void reserve(String orderNo, List<OrderLine> lines) {
    Map<String, Long> wanted = new LinkedHashMap<>();
    for (OrderLine line : lines) {
      wanted.merge(line.sku(), (long) line.quantity(), Long::sum);
    }
    synchronized (lock) {
      if (reservations.containsKey(orderNo)) {
        return;
      }
      for (Map.Entry<String, Long> e : wanted.entrySet()) {
        long have = available.getOrDefault(e.getKey(), 0L);
        if (have < e.getValue()) {
          throw new InsufficientStockException(e.getKey(), e.getValue(), have);
        }
      }
      wanted.forEach((sku, qty) -> available.merge(sku, -qty, Long::sum));
      reservations.put(orderNo, new Reservation(wanted, ReservationState.RESERVED));
    }
  }

  @Override
  public void confirm(String orderNo) {
    synchronized (lock) {
      Reservation r = reservations.get(orderNo);
      if (r == null || r.state() != ReservationState.RESERVED) {
        return;
      }
      r.quantities().forEach((sku, qty) -> sold.merge(sku, qty, Long::sum));
      reservations.put(orderNo, new Reservation(r.quantities(), ReservationState.CONFIRMED));
    }
  }

  @Override
  public void release(String orderNo) {
    synchronized (lock) {
      Reservation r = reservations.get(orderNo);
      if (r == null || r.state() != ReservationState.RESERVED) {
        return;
      }
      r.quantities().forEach((sku, qty) -> available.merge(sku, qty, Long::sum));
      reservations.put(orderNo, new Reservation(r.quantities(), ReservationState.RELEASED));
    }
  }

  /** Units of a sku available for sale now. */
  public long available(String sku) {
    synchronized (lock) {
      return available.getOrDefault(sku, 0L);
    }
  }

  /** Units of a sku held by reservations that are neither confirmed nor released. */
  public long reserved(String sku) {
    synchronized (lock) {
      return reservations.values().stream()
          .filter(r -> r.state() == ReservationState.RESERVED)
          .mapToLong(r -> r.quantities().getOrDefault(sku, 0L))
          .sum();
    }
  }

  /** Units of a sku sold (confirmed reservations). */
  public long sold(String sku) {
    synchronized (lock) {
      return sold.getOrDefault(sku, 0L);
    }
  }

  /** Where an order's reservation is, or empty if it never reserved. */
  public Optional<ReservationState> reservation(String orderNo) {
    synchronized (lock) {
      return Optional.ofNullable(reservations.get(orderNo)).map(Reservation::state);
    }
  }

  /** The skus this inventory knows, in the order they were stocked. */
  public List<String> skus() {
    synchronized (lock) {
      return List.copyOf(available.keySet());
    }
  }
}
