package io.payflow.core.memory;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * An {@link OrderStore} in memory: the embedded default, for tests and demos. Everything is lost
 * when the JVM stops, and nothing is shared between JVMs, so it is not for production.
 *
 * <p>There is no global lock. A write to one order (insert, update, trace) holds that order's own
 * monitor, so writers of different orders never wait for each other; a change of one effect holds
 * one of a fixed set of lock stripes chosen by the effect's id. Lookups read concurrent maps. Every
 * claim and finder walks a sorted concurrent index (due time, lease end, update time, creation
 * time) from its head, so its cost is the batch it returns, not the number of orders stored; an
 * item leaves the due-work and lease indexes once it leaves the status that made it due, so a
 * completed order costs only its records, its effects and its trace (whose repeated texts are
 * shared). A claim re-checks each candidate under its lock before taking it, so racing claimers
 * take each item exactly once.
 *
 * <p>Each method is atomic for the order or effect it changes; a reader may see an insert or an
 * update of another order half-way (its record before its effects), never a torn record, and {@link
 * #statistics()} is a sum of counters, not a snapshot. This class is threadsafe.
 */
public final class InMemoryOrderStore implements OrderStore {

  // ---------------------------------------------------------------- state

  private final ConcurrentHashMap<String, OrderSlot> orders = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<OrderSlot> newestFirst =
      new ConcurrentSkipListSet<>(
          Comparator.comparing((OrderSlot s) -> s.createdAt)
              .thenComparing(s -> s.orderNo)
              .reversed());
  private final ConcurrentHashMap<String, String> orderNoByPaymentNo = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> orderNoByRefundNo = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompactTrace> orphanTraces = new ConcurrentHashMap<>();

  private final StatusCounters counters = new StatusCounters();
  private final DueWorkBook dueWork = new DueWorkBook();
  private final EffectBook effectBook = new EffectBook(counters);
  private final TraceBook traces = new TraceBook();

  public InMemoryOrderStore() {}

  // ---------------------------------------------------------------- orders

  @Override
  public void insert(OrderRecord record, List<Effect> newEffects, List<TraceEntry> trace) {
    String orderNo = record.order().orderNo();
    OrderSlot slot = new OrderSlot(record, traces.compact(CompactTrace.EMPTY, trace));
    synchronized (slot) {
      if (orders.putIfAbsent(orderNo, slot) != null) {
        throw new DuplicateNumberException("order", orderNo);
      }
      CompactTrace orphan = orphanTraces.remove(orderNo);
      if (orphan != null) {
        slot.trace = orphan.append(slot.trace);
      }
      newestFirst.add(slot);
      indexNumbers(record);
      counters.count(null, record);
      dueWork.indexDueWork(null, record);
      effectBook.addEffects(slot, newEffects);
    }
  }

  @Override
  public Optional<OrderRecord> load(String orderNo) {
    OrderSlot slot = orders.get(orderNo);
    return slot == null ? Optional.empty() : Optional.of(slot.record);
  }

  @Override
  public Optional<String> findOrderNoByPaymentNo(String paymentNo) {
    return Optional.ofNullable(orderNoByPaymentNo.get(paymentNo));
  }

  @Override
  public Optional<String> findOrderNoByRefundNo(String refundNo) {
    return Optional.ofNullable(orderNoByRefundNo.get(refundNo));
  }

  @Override
  public void update(StoreUpdate update) {
    String orderNo = update.orderNo();
    OrderSlot slot = orders.get(orderNo);
    if (slot == null) {
      throw new ConcurrentUpdateException(orderNo, update.expectedVersion());
    }
    synchronized (slot) {
      OrderRecord current = slot.record;
      if (current.version() != update.expectedVersion()) {
        throw new ConcurrentUpdateException(orderNo, update.expectedVersion());
      }
      OrderRecord next = update.record();
      if (next.version() != update.expectedVersion() + 1) {
        throw new IllegalArgumentException(
            "the new version of order "
                + orderNo
                + " must be "
                + (update.expectedVersion() + 1)
                + ", was "
                + next.version());
      }
      slot.record = next;
      indexNumbers(next);
      counters.count(current, next);
      dueWork.indexDueWork(current, next);
      effectBook.addEffects(slot, update.effects());
      slot.trace = traces.compact(slot.trace, update.trace());
    }
  }

  @Override
  public List<Order> findOrders(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "offset must be >= 0 and limit >= 1, were " + offset + " and " + limit);
    }
    List<Order> page = new ArrayList<>(Math.min(limit, 100));
    Iterator<OrderSlot> it = newestFirst.iterator();
    for (int skipped = 0; skipped < offset && it.hasNext(); skipped++) {
      it.next();
    }
    while (page.size() < limit && it.hasNext()) {
      page.add(it.next().record.order());
    }
    return page;
  }

  @Override
  public StoreStatistics statistics() {
    return counters.statistics();
  }

  @Override
  public void appendTrace(String orderNo, List<TraceEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    OrderSlot slot = orders.get(orderNo);
    if (slot == null) {
      // Not stored (yet): keep them aside; an insert that races this takes them over below.
      orphanTraces.merge(
          orderNo, traces.compact(CompactTrace.EMPTY, entries), CompactTrace::append);
      slot = orders.get(orderNo);
      if (slot == null) {
        return;
      }
      synchronized (slot) {
        CompactTrace orphan = orphanTraces.remove(orderNo);
        if (orphan != null) {
          slot.trace = slot.trace.append(orphan);
        }
      }
      return;
    }
    synchronized (slot) {
      slot.trace = traces.compact(slot.trace, entries);
    }
  }

  @Override
  public List<TraceEntry> loadTrace(String orderNo) {
    OrderSlot slot = orders.get(orderNo);
    CompactTrace trace = slot != null ? slot.trace : orphanTraces.get(orderNo);
    return trace == null ? List.of() : trace.entries();
  }

  // ---------------------------------------------------------------- time-driven work

  @Override
  public List<DueWork> claimDueWork(
      DueWorkKind kind, Instant cutoff, Instant now, Instant leaseUntil, int limit) {
    return dueWork.claimDueWork(kind, cutoff, now, leaseUntil, limit);
  }

  @Override
  public void deferDueWork(DueWorkKind kind, String key, Instant dueAt) {
    dueWork.deferDueWork(kind, key, dueAt);
  }

  @Override
  public List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit) {
    return dueWork.findPaymentsAwaitingResult(createdBefore, limit);
  }

  @Override
  public List<Refund> findRefundsAwaitingResult(Instant updatedBefore, int limit) {
    return dueWork.findRefundsAwaitingResult(updatedBefore, limit);
  }

  // ---------------------------------------------------------------- effects

  @Override
  public List<ClaimedEffect> claimDueEffects(Instant now, Instant leaseUntil, int limit) {
    return effectBook.claimDueEffects(now, leaseUntil, limit);
  }

  @Override
  public List<ClaimedEffect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil) {
    return effectBook.claimEffects(effectIds, now, leaseUntil);
  }

  @Override
  public boolean completeEffect(String effectId, long token, int attempts, Instant at) {
    return effectBook.completeEffect(effectId, token, attempts, at);
  }

  @Override
  public boolean retryEffectLater(
      String effectId, long token, int attempts, Instant nextAttemptAt, String error, Instant at) {
    return effectBook.retryEffectLater(effectId, token, attempts, nextAttemptAt, error, at);
  }

  @Override
  public boolean parkEffect(String effectId, long token, int attempts, String error, Instant at) {
    return effectBook.parkEffect(effectId, token, attempts, error, at);
  }

  @Override
  public boolean reviveEffect(String effectId, Instant at) {
    return effectBook.reviveEffect(effectId, at);
  }

  @Override
  public List<Effect> findEffects(String orderNo) {
    OrderSlot slot = orders.get(orderNo);
    return slot == null ? List.of() : effectBook.effectsOf(slot.effectIds);
  }

  @Override
  public List<Effect> findEffectsByStatus(EffectStatus status, int limit) {
    return effectBook.findEffectsByStatus(status, limit);
  }

  // ---------------------------------------------------------------- bookkeeping

  private void indexNumbers(OrderRecord record) {
    String orderNo = record.order().orderNo();
    // A number once stored keeps its order; reading first keeps updates off the map's locks.
    for (Payment p : record.payments()) {
      if (!orderNoByPaymentNo.containsKey(p.paymentNo())) {
        orderNoByPaymentNo.putIfAbsent(p.paymentNo(), orderNo);
      }
    }
    for (Refund r : record.refunds()) {
      if (!orderNoByRefundNo.containsKey(r.refundNo())) {
        orderNoByRefundNo.putIfAbsent(r.refundNo(), orderNo);
      }
    }
  }
}
