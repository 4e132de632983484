package io.payflow.core.internal.flow;

import io.payflow.core.NotFoundException;
import io.payflow.core.effect.Effect;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.StoreUpdate;
import java.time.Clock;
import java.util.List;

/**
 * Runs one transition of an order: load → decide → compare-and-set → publish events, and returns
 * what the committed transition owes so that the caller hands it to the effect runner. On a lost
 * race it reloads and decides again. A decision that changes nothing writes nothing.
 *
 * <p>The transactor never calls the effect runner and never calls a channel: a decision is pure,
 * and what it owes is dispatched by the caller. This class is threadsafe.
 */
public final class OrderTransactor {

  /** Enough for many contending writers of one order; each retry reloads and decides again. */
  private static final int MAX_CAS_ATTEMPTS = 64;

  private final OrderStore store;
  private final Clock clock;
  private final Listeners listeners;
  private final Tracer tracer;

  public OrderTransactor(OrderStore store, Clock clock, Listeners listeners, Tracer tracer) {
    this.store = store;
    this.clock = clock;
    this.listeners = listeners;
    this.tracer = tracer;
  }

  /** Loads the order and runs the decision on it. */
  public Committed transact(String orderNo, String cause, Decision decision) {
    return transact(load(orderNo), cause, decision);
  }

  /**
   * Runs the decision on a record the caller just loaded (so that a path that had to look at the
   * order first does not load it twice); reloads only after a lost race.
   */
  public Committed transact(OrderRecord loaded, String cause, Decision decision) {
    OrderRecord current = loaded;
    for (int attempt = 1; ; attempt++) {
      Change change = new Change(current, clock.instant(), cause);
      decision.decide(change);
      if (!change.changed()) {
        return new Committed(current, List.of());
      }
      StoreUpdate update = change.toUpdate(tracer);
      try {
        store.update(update);
      } catch (ConcurrentUpdateException e) {
        if (attempt >= MAX_CAS_ATTEMPTS) {
          throw e;
        }
        current = load(current.order().orderNo());
        continue;
      }
      listeners.publishAll(change.events(update.record()));
      return new Committed(update.record(), change.effects().stream().map(Effect::id).toList());
    }
  }

  /**
   * The order with its payments and refunds.
   *
   * @throws NotFoundException if there is no such order
   */
  public OrderRecord load(String orderNo) {
    return store.load(orderNo).orElseThrow(() -> new NotFoundException("order", orderNo));
  }
}
