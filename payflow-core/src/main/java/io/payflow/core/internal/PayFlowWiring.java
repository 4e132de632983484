package io.payflow.core.internal;

import io.payflow.core.internal.effect.ClosePaymentHandler;
import io.payflow.core.internal.effect.EffectHandlers;
import io.payflow.core.internal.effect.EffectRunner;
import io.payflow.core.internal.effect.FulfillmentHandler;
import io.payflow.core.internal.effect.NotifyHandler;
import io.payflow.core.internal.effect.RefundPaymentHandler;
import io.payflow.core.internal.effect.StockHandlers;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.DueWorkSweep;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.internal.flow.Listeners;
import io.payflow.core.internal.flow.Notifications;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.internal.flow.Tracer;
import io.payflow.core.internal.order.OrderClosing;
import io.payflow.core.internal.order.OrderCreation;
import io.payflow.core.internal.payment.CallbackHandling;
import io.payflow.core.internal.payment.PaymentDecisions;
import io.payflow.core.internal.payment.PaymentResults;
import io.payflow.core.internal.payment.PaymentStarting;
import io.payflow.core.internal.payment.Reconciliation;
import io.payflow.core.internal.refund.RefundDecisions;
import io.payflow.core.internal.refund.RefundReconciliation;
import io.payflow.core.internal.refund.RefundResults;
import io.payflow.core.internal.refund.Refunds;
import io.payflow.core.spi.OrderStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Builds the parts of a {@link PayFlowImpl} once, bottom up, so that the dependencies only point
 * down: use cases → results and decisions → transactor → store; the effect runner → handlers →
 * results → transactor. The runner is handed to use cases as an {@link EffectDispatch}; nothing
 * below it knows the runner or the facade. This class is threadsafe (immutable after construction).
 */
final class PayFlowWiring {

  private final Listeners listeners = new Listeners();
  private final @Nullable ExecutorService ownedExecutor;
  private final EffectRunner effects;
  private final EffectDispatch dispatch;
  private final PaymentResults results;
  private final OrderCreation creation;
  private final PaymentStarting starting;
  private final CallbackHandling callbacks;
  private final OrderClosing closing;
  private final Reconciliation reconciliation;
  private final Refunds refunds;
  private final RefundReconciliation refundReconciliation;
  private final TraceDiagrams diagrams;

  PayFlowWiring(PayFlowParts parts) {
    OrderStore store = parts.orderStore();
    parts.listeners().forEach(listeners::add);
    Channels channels = new Channels(parts.channels());
    Notifications notifications = new Notifications(parts.notifiers());
    Tracer tracer = new Tracer(channels::label);
    OrderTransactor transactor = new OrderTransactor(store, parts.clock(), listeners, tracer);

    PaymentDecisions paymentDecisions =
        new PaymentDecisions(
            notifications,
            parts.numberGenerator(),
            parts.config().refundLatePayments(),
            parts.config().prepayGrace());
    this.results = new PaymentResults(store, transactor, paymentDecisions);
    RefundResults refundResults =
        new RefundResults(store, transactor, new RefundDecisions(notifications));

    StockHandlers stock = new StockHandlers(parts.inventory());
    EffectHandlers handlers =
        new EffectHandlers(
            new EffectHandlers.Kinds(
                stock.confirm(),
                stock.release(),
                new NotifyHandler(notifications),
                new FulfillmentHandler(parts.fulfillment()),
                new ClosePaymentHandler(channels, results),
                new RefundPaymentHandler(channels, refundResults)),
            store,
            transactor,
            tracer,
            parts.clock());
    ExecutorService executor = parts.effectExecutor();
    if (executor == null) {
      executor = newDefaultExecutor();
      this.ownedExecutor = executor;
    } else {
      this.ownedExecutor = null;
    }
    this.effects =
        new EffectRunner(store, parts.clock(), parts.config(), executor, listeners, handlers);
    this.dispatch = effects::runNow;

    DueWorkSweep sweep =
        new DueWorkSweep(
            store,
            parts.clock(),
            parts.config().effectLease(),
            parts.config().reconcileQueryAfter(),
            parts.config().batchSize());
    this.creation =
        new OrderCreation(
            store,
            transactor,
            parts.inventory(),
            parts.priceCatalog(),
            parts.numberGenerator(),
            dispatch,
            listeners,
            tracer,
            parts.clock(),
            parts.config());
    this.starting =
        new PaymentStarting(
            transactor, channels, parts.numberGenerator(), results, dispatch, parts.clock());
    this.callbacks =
        new CallbackHandling(
            store,
            transactor,
            channels,
            results,
            refundResults,
            dispatch,
            listeners,
            parts.clock());
    this.closing =
        new OrderClosing(
            store, transactor, channels, notifications, results, dispatch, sweep, parts.clock());
    this.reconciliation =
        new Reconciliation(
            store, channels, results, dispatch, sweep, parts.clock(), parts.config());
    this.refunds = new Refunds(transactor, parts.numberGenerator(), dispatch);
    this.refundReconciliation =
        new RefundReconciliation(
            store, channels, refundResults, dispatch, sweep, parts.clock(), parts.config());
    this.diagrams = new TraceDiagrams(store, transactor, channels);
  }

  /**
   * The default effect pool: enough threads for every effect of a success to run at once (the
   * diagram's {@code par}), daemon so that a host that forgets {@code close()} can still exit.
   */
  private static ExecutorService newDefaultExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            16,
            16,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "payflow-effect-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  Listeners listeners() {
    return listeners;
  }

  @Nullable ExecutorService ownedExecutor() {
    return ownedExecutor;
  }

  EffectRunner effects() {
    return effects;
  }

  EffectDispatch dispatch() {
    return dispatch;
  }

  PaymentResults results() {
    return results;
  }

  OrderCreation creation() {
    return creation;
  }

  PaymentStarting starting() {
    return starting;
  }

  CallbackHandling callbacks() {
    return callbacks;
  }

  OrderClosing closing() {
    return closing;
  }

  Reconciliation reconciliation() {
    return reconciliation;
  }

  Refunds refunds() {
    return refunds;
  }

  RefundReconciliation refundReconciliation() {
    return refundReconciliation;
  }

  TraceDiagrams diagrams() {
    return diagrams;
  }
}
