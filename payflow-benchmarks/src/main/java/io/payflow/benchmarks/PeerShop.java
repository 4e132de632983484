package io.payflow.benchmarks;

import io.payflow.core.StalePriceException;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the peer state machines do around their transitions, the same work payflow does for the
 * lifecycle benchmark: check prices, reserve stock, number the order, prepay on the same fake
 * channel, confirm stock, notify, start fulfilment. No outbox, no trace, no events: the peers have
 * none. Threadsafe.
 */
abstract class PeerShop {

  /** The order states a peer machine walks through. */
  enum State {
    PENDING_PAYMENT,
    PAYING,
    PAID,
    FULFILLING
  }

  /** The events that move it. */
  enum Event {
    START_PAYMENT,
    PAY_SUCCEEDED,
    START_FULFILMENT
  }

  final MutableClock clock = MutableClock.ticking(Fixtures.START);
  final InMemoryInventoryService inventory = Fixtures.inventory();
  final InMemoryPriceCatalog catalog = Fixtures.catalog();
  final FakeChannel channel = new FakeChannel("fake", clock, null);
  final SequenceNumbers numbers = new SequenceNumbers("PE");
  final LongAdder notifications = new LongAdder();
  final LongAdder fulfilments = new LongAdder();

  /**
   * Creation: prices checked, a number drawn, stock reserved. The machine then stores the state.
   */
  String reserve() {
    for (OrderLine line : Fixtures.LINES) {
      long current = catalog.priceOf(line.sku()).orElseThrow();
      if (current != line.unitPrice()) {
        throw new StalePriceException(line.sku(), line.unitPrice(), current);
      }
    }
    String orderNo = numbers.newOrderNo();
    inventory.reserve(orderNo, Fixtures.LINES);
    return orderNo;
  }

  /** The action of START_PAYMENT. */
  void prepay(String orderNo) {
    channel.prepay(
        new PrepayRequest(
            numbers.newPaymentNo(orderNo, 1),
            orderNo,
            TradeType.NATIVE,
            Fixtures.PRICE,
            Fixtures.DESCRIPTION,
            clock.instant().plus(Duration.ofMinutes(30)),
            null,
            null));
  }

  /** The action of PAY_SUCCEEDED: 扣减库存 and the notification. */
  void paid(String orderNo) {
    inventory.confirm(orderNo);
    notifications.increment();
  }

  /** The action of START_FULFILMENT. */
  void fulfil(String orderNo) {
    fulfilments.increment();
  }

  /** Runs one order through create → prepay → success → effects; returns its last state. */
  abstract State lifecycle();

  Clock clock() {
    return clock;
  }
}
