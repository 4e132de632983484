package io.payflow.core.internal.effect;

import io.payflow.core.effect.Effect;
import io.payflow.core.internal.flow.Committed;
import io.payflow.core.internal.flow.Decision;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.internal.flow.Tracer;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run of one effect may use: its stored form, the order it belongs to, transactions on
 * that order and the trace. The effects owed by the transitions it commits are collected here and
 * started by the runner after the handler returns, so a handler never calls back into the runner.
 *
 * <p>Not threadsafe: one context belongs to one attempt of one effect.
 */
public final class EffectContext {

  private static final Logger log = LoggerFactory.getLogger(EffectContext.class);

  private final Effect effect;
  private final OrderStore store;
  private final OrderTransactor transactor;
  private final Tracer tracer;
  private final Clock clock;
  private final List<String> owed = new ArrayList<>();

  EffectContext(
      Effect effect, OrderStore store, OrderTransactor transactor, Tracer tracer, Clock clock) {
    this.effect = effect;
    this.store = store;
    this.transactor = transactor;
    this.tracer = tracer;
    this.clock = clock;
  }

  /** The effect as stored. */
  public Effect effect() {
    return effect;
  }

  public String orderNo() {
    return effect.orderNo();
  }

  /** The effect's order as it is now. */
  public OrderRecord load() {
    return transactor.load(effect.orderNo());
  }

  /** Runs a transition of the effect's order; what it owes is started after the handler. */
  public Committed transact(String cause, Decision decision) {
    return owe(transactor.transact(effect.orderNo(), cause, decision));
  }

  /** Takes on what a committed transition owes, to be started after the handler. */
  public Committed owe(Committed committed) {
    owed.addAll(committed.owedEffectIds());
    return committed;
  }

  /**
   * Appends a step that no transition carried (a notification delivered) to the order's trace. The
   * trace is for people: failing the effect over it would repeat the effect, so a failure is only
   * logged.
   */
  public void trace(FlowStep step) {
    try {
      store.appendTrace(effect.orderNo(), tracer.entries(step, clock.instant()));
    } catch (RuntimeException ex) {
      log.warn("payflow could not append to the trace of order {}", effect.orderNo(), ex);
    }
  }

  List<String> owed() {
    return List.copyOf(owed);
  }
}
