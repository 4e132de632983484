package io.payflow.core.testing;

import io.payflow.core.effect.Effect;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An in-memory store whose methods a test can override to inject failures. Threadsafe. */
public class ForwardingOrderStore implements OrderStore {

  protected final OrderStore delegate = new InMemoryOrderStore();

  @Override
  public void insert(OrderRecord record, List<Effect> effects, List<TraceEntry> trace) {
    delegate.insert(record, effects, trace);
  }

  @Override
  public Optional<OrderRecord> load(String orderNo) {
    return delegate.load(orderNo);
  }

  @Override
  public Optional<String> findOrderNoByPaymentNo(String paymentNo) {
    return delegate.findOrderNoByPaymentNo(paymentNo);
  }

  @Override
  public Optional<String> findOrderNoByRefundNo(String refundNo) {
    return delegate.findOrderNoByRefundNo(refundNo);
  }

  @Override
  public void update(StoreUpdate update) {
    delegate.update(update);
  }

  @Override
  public List<String> findExpiredOrderNos(Instant now, int limit) {
    return delegate.findExpiredOrderNos(now, limit);
  }

  @Override
  public List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit) {
    return delegate.findPaymentsAwaitingResult(createdBefore, limit);
  }

  @Override
  public List<Effect> claimDueEffects(Instant now, Instant leaseUntil, int limit) {
    return delegate.claimDueEffects(now, leaseUntil, limit);
  }

  @Override
  public List<Effect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil) {
    return delegate.claimEffects(effectIds, now, leaseUntil);
  }

  @Override
  public void completeEffect(String effectId, int attempts, Instant at) {
    delegate.completeEffect(effectId, attempts, at);
  }

  @Override
  public void retryEffectLater(String effectId, int attempts, Instant nextAttemptAt, String error) {
    delegate.retryEffectLater(effectId, attempts, nextAttemptAt, error);
  }

  @Override
  public void parkEffect(String effectId, int attempts, String error, Instant at) {
    delegate.parkEffect(effectId, attempts, error, at);
  }

  @Override
  public boolean reviveEffect(String effectId, Instant at) {
    return delegate.reviveEffect(effectId, at);
  }

  @Override
  public List<Effect> findEffects(String orderNo) {
    return delegate.findEffects(orderNo);
  }

  @Override
  public void appendTrace(String orderNo, List<TraceEntry> entries) {
    delegate.appendTrace(orderNo, entries);
  }

  @Override
  public List<TraceEntry> loadTrace(String orderNo) {
    return delegate.loadTrace(orderNo);
  }
}
