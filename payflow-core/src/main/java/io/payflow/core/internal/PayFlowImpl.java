package io.payflow.core.internal;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.OrderDetails;
import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.internal.effect.EffectRunner;
import io.payflow.core.internal.flow.Inputs;
import io.payflow.core.internal.flow.Listeners;
import io.payflow.core.model.Order;
import io.payflow.core.model.Refund;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link PayFlow}: a thin facade that hands each call to the use case that
 * owns it ({@link PayFlowWiring} builds them) and answers the queries. It holds no decision and no
 * I/O of its own, and nothing it builds calls back into it.
 *
 * <p>Correctness never depends on an in-JVM lock, so several instances may share one store. This
 * class is threadsafe.
 */
final class PayFlowImpl implements PayFlow {

  private final PayFlowWiring w;
  private final OrderStore store;
  private final Clock clock;
  private final PayFlowConfig config;
  private final Listeners listeners;
  private final EffectRunner effects;
  private final @Nullable ExecutorService ownedExecutor;

  PayFlowImpl(PayFlowParts parts) {
    this.w = new PayFlowWiring(parts);
    this.store = parts.orderStore();
    this.clock = parts.clock();
    this.config = parts.config();
    this.listeners = w.listeners();
    this.effects = w.effects();
    this.ownedExecutor = w.ownedExecutor();
  }

  @Override
  public Order createOrder(CreateOrderRequest request) {
    return w.creation().create(request);
  }

  @Override
  public PaymentStart startPayment(StartPaymentRequest request) {
    return w.starting().start(request);
  }

  @Override
  public Order handlePaymentResult(PaymentResult result) {
    Inputs.notNull("result", result);
    Inputs.number("paymentNo", result.paymentNo());
    Inputs.notNull("outcome", result.outcome());
    if (result.amount() < -1) {
      throw new InvalidRequestException(
          "amount",
          "must be the fen paid, or -1 if the channel did not say; was " + result.amount());
    }
    return w.dispatch().dispatched(w.results().apply(result, false)).record().order();
  }

  @Override
  public CallbackAnswer handleCallback(String channel, CallbackRequest request) {
    return w.callbacks().handle(channel, request);
  }

  @Override
  public Order cancel(String orderNo, String reason) {
    return w.closing().cancel(orderNo, reason);
  }

  @Override
  public Refund refund(String orderNo, long amount, String reason) {
    return w.refunds().refund(orderNo, amount, reason);
  }

  @Override
  public Optional<OrderDetails> find(String orderNo) {
    Inputs.number("orderNo", orderNo);
    return store
        .load(orderNo)
        .map(
            r ->
                new OrderDetails(r.order(), r.payments(), r.refunds(), store.findEffects(orderNo)));
  }

  @Override
  public String traceDiagram(String orderNo) {
    return w.diagrams().diagram(Inputs.number("orderNo", orderNo));
  }

  @Override
  public int closeExpiredOrders() {
    return w.closing().closeExpired();
  }

  @Override
  public int reconcilePayments() {
    return w.reconciliation().reconcile();
  }

  @Override
  public int reconcileRefunds() {
    return w.refundReconciliation().reconcile();
  }

  @Override
  public int runDueEffects() {
    return effects.runDue();
  }

  @Override
  public boolean retryEffect(String effectId) {
    Inputs.required("effectId", effectId);
    Inputs.maxLength("effectId", effectId, Inputs.MAX_EFFECT_ID);
    boolean revived = store.reviveEffect(effectId, clock.instant());
    if (revived) {
      effects.runNow(List.of(effectId));
    }
    return revived;
  }

  @Override
  public boolean awaitEffects(Duration timeout) throws InterruptedException {
    Inputs.notNegative("timeout", timeout);
    return effects.awaitIdle(timeout);
  }

  @Override
  public void addListener(PayFlowListener listener) {
    listeners.add(Inputs.notNull("listener", listener));
  }

  @Override
  public PayFlowConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (ownedExecutor != null) {
      EffectRunner.shutdown(ownedExecutor);
    }
  }
}
