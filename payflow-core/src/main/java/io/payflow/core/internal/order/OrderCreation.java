package io.payflow.core.internal.order;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.StalePriceException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.event.OrderCreated;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.Listeners;
import io.payflow.core.internal.flow.Tracer;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.PriceCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates an order (订单): checks the request and every price against the catalog, reserves the stock
 * all or nothing under a fresh number, and persists the order {@code PENDING_PAYMENT}; if the
 * insert fails, the reservation is released. This class is threadsafe.
 */
public final class OrderCreation {

  private static final Logger log = LoggerFactory.getLogger(OrderCreation.class);

  private final OrderStore store;
  private final InventoryService inventory;
  private final PriceCatalog priceCatalog;
  private final OrderNumberGenerator numbers;
  private final Listeners listeners;
  private final Tracer tracer;
  private final Clock clock;
  private final PayFlowConfig config;

  public OrderCreation(
      OrderStore store,
      InventoryService inventory,
      PriceCatalog priceCatalog,
      OrderNumberGenerator numbers,
      Listeners listeners,
      Tracer tracer,
      Clock clock,
      PayFlowConfig config) {
    this.store = store;
    this.inventory = inventory;
    this.priceCatalog = priceCatalog;
    this.numbers = numbers;
    this.listeners = listeners;
    this.tracer = tracer;
    this.clock = clock;
    this.config = config;
  }

  public Order create(CreateOrderRequest request) {
    OrderRequests.Valid valid = OrderRequests.validate(request, config);
    List<OrderLine> lines = valid.lines();
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      OptionalLong current = priceCatalog.priceOf(line.sku());
      if (current.isEmpty()) {
        throw new InvalidRequestException(
            "lines[" + i + "].sku", "unknown sku " + line.sku() + ": the catalog has no price");
      }
      if (current.getAsLong() != line.unitPrice()) {
        throw new StalePriceException(line.sku(), line.unitPrice(), current.getAsLong());
      }
    }
    String orderNo = freeOrderNo();
    inventory.reserve(orderNo, lines);
    Instant now = clock.instant();
    Order order =
        new Order(
            orderNo,
            valid.userId(),
            lines,
            valid.total(),
            valid.description(),
            OrderStatus.PENDING_PAYMENT,
            1,
            now,
            now.plus(valid.expireAfter()),
            null,
            null,
            0,
            null,
            null);
    try {
      store.insert(
          new OrderRecord(order, List.of(), List.of()),
          List.of(),
          tracer.entries(new FlowStep.OrderCreated(), now));
    } catch (RuntimeException e) {
      // Nothing is persisted, so nothing may stay held either.
      try {
        inventory.release(orderNo);
      } catch (RuntimeException releaseFailure) {
        e.addSuppressed(releaseFailure);
        log.error("payflow could not release the stock of unsaved order {}", orderNo, e);
      }
      throw e;
    }
    listeners.publish(new OrderCreated(now, order));
    return order;
  }

  /**
   * A number no stored order has. Inventory calls are keyed by order number, so reserving under a
   * number another order holds would share its reservation; checking first makes that a matter of a
   * generator collision within one write, which the store's unique key then refuses.
   */
  private String freeOrderNo() {
    for (int i = 0; i < 3; i++) {
      String orderNo = numbers.newOrderNo();
      if (store.load(orderNo).isEmpty()) {
        return orderNo;
      }
      log.warn("payflow number generator repeated order number {}; drawing another", orderNo);
    }
    throw new DuplicateNumberException(
        "the order number generator keeps producing numbers already in use");
  }
}
