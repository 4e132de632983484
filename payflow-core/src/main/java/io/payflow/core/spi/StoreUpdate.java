package io.payflow.core.spi;

import io.payflow.core.effect.Effect;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.trace.TraceEntry;
import java.util.List;

/**
 * One atomic write to an {@link OrderStore}: the new state of an order with its payments and
 * refunds, written only if the stored version is still {@code expectedVersion}, together with the
 * effects the transition owes and the trace entries that record it.
 *
 * @param expectedVersion the version the writer read; {@code record.version()} is one more
 * @param record the whole new state of the order, its payments and refunds
 * @param effects effects to add to the outbox (an id the store already holds is ignored)
 * @param trace trace entries to append
 */
public record StoreUpdate(
    long expectedVersion, OrderRecord record, List<Effect> effects, List<TraceEntry> trace) {

  public StoreUpdate {
    effects = List.copyOf(effects);
    trace = List.copyOf(trace);
  }

  public String orderNo() {
    return record.order().orderNo();
  }
}
