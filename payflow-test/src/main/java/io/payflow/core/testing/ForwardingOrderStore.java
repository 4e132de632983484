package io.payflow.core.testing;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.model.Refund;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.StoreStatistics;
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
  public List<DueWork> claimDueWork(
      DueWorkKind kind, Instant cutoff, Instant now, Instant leaseUntil, int limit) {
    return delegate.claimDueWork(kind, cutoff, now, leaseUntil, limit);
  }

  @Override
  public void deferDueWork(DueWorkKind kind, String key, Instant dueAt) {
    delegate.deferDueWork(kind, key, dueAt);
  }

  @Override
  public List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit) {
    return delegate.findPaymentsAwaitingResult(createdBefore, limit);
  }

  @Override
  public List<Refund> findRefundsAwaitingResult(Instant updatedBefore, int limit) {
    return delegate.findRefundsAwaitingResult(updatedBefore, limit);
  }

  @Override
  public List<ClaimedEffect> claimDueEffects(Instant now, Instant leaseUntil, int limit) {
    return delegate.claimDueEffects(now, leaseUntil, limit);
  }

  @Override
  public List<ClaimedEffect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil) {
    return delegate.claimEffects(effectIds, now, leaseUntil);
  }

  @Override
  public boolean completeEffect(String effectId, long token, int attempts, Instant at) {
    return delegate.completeEffect(effectId, token, attempts, at);
  }

  @Override
  public boolean retryEffectLater(
      String effectId, long token, int attempts, Instant nextAttemptAt, String error, Instant at) {
    return delegate.retryEffectLater(effectId, token, attempts, nextAttemptAt, error, at);
  }

  @Override
  public boolean parkEffect(String effectId, long token, int attempts, String error, Instant at) {
    return delegate.parkEffect(effectId, token, attempts, error, at);
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
  public List<Effect> findEffectsByStatus(EffectStatus status, int limit) {
    return delegate.findEffectsByStatus(status, limit);
  }

  @Override
  public List<Order> findOrders(int offset, int limit) {
    return delegate.findOrders(offset, limit);
  }

  @Override
  public StoreStatistics statistics() {
    return delegate.statistics();
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
