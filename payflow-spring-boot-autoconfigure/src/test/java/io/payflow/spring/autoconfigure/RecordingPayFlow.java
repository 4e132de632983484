package io.payflow.spring.autoconfigure;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.OrderDetails;
import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.model.Order;
import io.payflow.core.model.Refund;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host's own {@link PayFlow}: it records the callbacks and scheduled runs it gets, so that the
 * endpoint and the scheduler are tested on their own.
 */
final class RecordingPayFlow implements PayFlow {

  record Callback(String channel, CallbackRequest request) {}

  final List<Callback> callbacks = new CopyOnWriteArrayList<>();
  final AtomicInteger expiryRuns = new AtomicInteger();
  final AtomicInteger reconcileRuns = new AtomicInteger();
  final AtomicInteger refundReconcileRuns = new AtomicInteger();
  final AtomicInteger effectRuns = new AtomicInteger();
  volatile CallbackAnswer answer = new CallbackAnswer(204, "", "");
  volatile boolean failScheduledRuns;
  volatile boolean closed;

  @Override
  public Order createOrder(CreateOrderRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PaymentStart startPayment(StartPaymentRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Order handlePaymentResult(PaymentResult result) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CallbackAnswer handleCallback(String channel, CallbackRequest request) {
    callbacks.add(new Callback(channel, request));
    return answer;
  }

  @Override
  public Order cancel(String orderNo, String reason) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Refund refund(String orderNo, long amount, String reason) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<OrderDetails> find(String orderNo) {
    return Optional.empty();
  }

  @Override
  public String traceDiagram(String orderNo) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int closeExpiredOrders() {
    return run(expiryRuns);
  }

  @Override
  public int reconcilePayments() {
    return run(reconcileRuns);
  }

  @Override
  public int reconcileRefunds() {
    return run(refundReconcileRuns);
  }

  @Override
  public int runDueEffects() {
    return run(effectRuns);
  }

  private int run(AtomicInteger runs) {
    runs.incrementAndGet();
    if (failScheduledRuns) {
      throw new IllegalStateException("store unreachable (simulated)");
    }
    return 0;
  }

  @Override
  public boolean retryEffect(String effectId) {
    return false;
  }

  @Override
  public void addListener(PayFlowListener listener) {}

  @Override
  public PayFlowConfig config() {
    return PayFlowConfig.ofDefaults();
  }

  @Override
  public void close() {
    closed = true;
  }
}
