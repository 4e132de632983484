package io.payflow.core.internal.order;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.OrderNotPayableException;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.StalePriceException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.event.OrderCreated;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.Listeners;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.internal.flow.OwedEffect;
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
 * Creates an order (订单): checks the request and every price against the catalog, stores the order
 * {@code RESERVING} under a fresh number, reserves its stock all or nothing, then moves it to
 * {@code PENDING_PAYMENT}.
 *
 * <p>Intent before action: the order is stored before any stock is touched, so a record that owes
 * the release always exists. A reservation that fails closes the order at once, owing the release
 * (idempotent, a no-op for stock never reserved); a crash between the steps leaves it {@code
 * RESERVING}, which expiry closes the same way. A colliding number is refused by the store's insert
 * before any stock is reserved, and another is drawn, so no two orders ever share a reservation.
 *
 * <p>This class is threadsafe.
 */
public final class OrderCreation {

  private static final Logger log = LoggerFactory.getLogger(OrderCreation.class);

  /** Draws of a new number after the store refused one as taken. */
  private static final int MAX_NUMBER_DRAWS = 3;

  private static final String NOT_RESERVED = "库存锁定失败 / the stock could not be reserved";

  private final OrderStore store;
  private final OrderTransactor transactor;
  private final InventoryService inventory;
  private final PriceCatalog priceCatalog;
  private final OrderNumberGenerator numbers;
  private final EffectDispatch dispatch;
  private final Listeners listeners;
  private final Tracer tracer;
  private final Clock clock;
  private final PayFlowConfig config;

  public OrderCreation(
      OrderStore store,
      OrderTransactor transactor,
      InventoryService inventory,
      PriceCatalog priceCatalog,
      OrderNumberGenerator numbers,
      EffectDispatch dispatch,
      Listeners listeners,
      Tracer tracer,
      Clock clock,
      PayFlowConfig config) {
    this.store = store;
    this.transactor = transactor;
    this.inventory = inventory;
    this.priceCatalog = priceCatalog;
    this.numbers = numbers;
    this.dispatch = dispatch;
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
    Instant now = clock.instant();
    String orderNo = insertReserving(valid, now);
    try {
      inventory.reserve(orderNo, lines);
    } catch (RuntimeException e) {
      abandon(orderNo, e);
      throw e;
    }
    Order order =
        dispatch
            .dispatched(
                transactor.transact(
                    orderNo,
                    "reserved",
                    c -> {
                      if (c.order().status() == OrderStatus.RESERVING) {
                        c.moveOrder(OrderStatus.PENDING_PAYMENT, o -> o);
                      }
                    }))
            .record()
            .order();
    if (order.status() != OrderStatus.PENDING_PAYMENT) {
      // Closed while its stock was being reserved (it expired meanwhile): the release it owed ran
      // before the reservation existed, so give the stock back now.
      inventory.release(orderNo);
      throw new OrderNotPayableException(
          orderNo, "it was closed while its stock was being reserved");
    }
    listeners.publish(new OrderCreated(now, order));
    return order;
  }

  /**
   * Stores the order {@code RESERVING} under a number no stored order has: the store's insert is
   * the check, so two instances that draw the same number can never both hold it.
   */
  private String insertReserving(OrderRequests.Valid valid, Instant now) {
    for (int draw = 1; ; draw++) {
      String orderNo = numbers.newOrderNo();
      Order order =
          new Order(
              orderNo,
              valid.userId(),
              valid.lines(),
              valid.total(),
              valid.description(),
              OrderStatus.RESERVING,
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
        return orderNo;
      } catch (DuplicateNumberException e) {
        if (draw >= MAX_NUMBER_DRAWS) {
          throw new DuplicateNumberException(
              "the order number generator keeps producing numbers already in use");
        }
        log.warn("payflow number generator repeated order number {}; drawing another", orderNo);
      }
    }
  }

  /**
   * The stock could not be reserved (or the answer was lost): gives the stock back at once if it
   * can, and closes the order owing the release, so that it is released even if this instance stops
   * now. If even that fails, the order stays {@code RESERVING} and expiry closes it.
   */
  private void abandon(String orderNo, RuntimeException cause) {
    try {
      inventory.release(orderNo);
    } catch (RuntimeException releaseFailure) {
      cause.addSuppressed(releaseFailure);
    }
    try {
      dispatch.dispatched(
          transactor.transact(
              orderNo,
              "not-reserved",
              c -> {
                if (c.order().status() == OrderStatus.RESERVING) {
                  c.moveOrder(OrderStatus.CLOSED, o -> o.closed(NOT_RESERVED, c.now()));
                  c.owe(new OwedEffect.ReleaseStock());
                }
              }));
    } catch (RuntimeException closeFailure) {
      cause.addSuppressed(closeFailure);
      log.warn("payflow left order {} RESERVING for expiry to close", orderNo, closeFailure);
    }
  }
}
