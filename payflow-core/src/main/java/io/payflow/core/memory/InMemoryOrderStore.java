package io.payflow.core.memory;

import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OrderStore} in memory: the embedded default, for tests and demos. Everything is lost
 * when the JVM stops, and nothing is shared between JVMs, so it is not for production.
 *
 * <p>Every method holds one lock, which makes each write atomic exactly as the contract asks. This
 * class is threadsafe.
 */
public final class InMemoryOrderStore implements OrderStore {

  private static final Set<PaymentStatus> AWAITING =
      EnumSet.of(PaymentStatus.CREATED, PaymentStatus.PREPAID, PaymentStatus.UNKNOWN);

  private final Object lock = new Object();
  private final Map<String, OrderRecord> orders = new HashMap<>();
  private final Map<String, String> orderNoByPaymentNo = new HashMap<>();
  private final Map<String, String> orderNoByRefundNo = new HashMap<>();
  private final Map<String, Effect> effects = new LinkedHashMap<>();
  private final Map<String, Instant> leases = new HashMap<>();
  private final Map<String, List<TraceEntry>> traces = new HashMap<>();

  @Override
  public void insert(OrderRecord record, List<Effect> newEffects, List<TraceEntry> trace) {
    String orderNo = record.order().orderNo();
    synchronized (lock) {
      if (orders.containsKey(orderNo)) {
        throw new DuplicateNumberException("order", orderNo);
      }
      orders.put(orderNo, record);
      index(record);
      addEffects(newEffects);
      traces.computeIfAbsent(orderNo, k -> new ArrayList<>()).addAll(trace);
    }
  }

  @Override
  public Optional<OrderRecord> load(String orderNo) {
    synchronized (lock) {
      return Optional.ofNullable(orders.get(orderNo));
    }
  }

  @Override
  public Optional<String> findOrderNoByPaymentNo(String paymentNo) {
    synchronized (lock) {
      return Optional.ofNullable(orderNoByPaymentNo.get(paymentNo));
    }
  }

  @Override
  public Optional<String> findOrderNoByRefundNo(String refundNo) {
    synchronized (lock) {
      return Optional.ofNullable(orderNoByRefundNo.get(refundNo));
    }
  }

  @Override
  public void update(StoreUpdate update) {
    String orderNo = update.orderNo();
    synchronized (lock) {
      OrderRecord current = orders.get(orderNo);
      if (current == null || current.version() != update.expectedVersion()) {
        throw new ConcurrentUpdateException(orderNo, update.expectedVersion());
      }
      if (update.record().version() != update.expectedVersion() + 1) {
        throw new IllegalArgumentException(
            "the new version of order "
                + orderNo
                + " must be "
                + (update.expectedVersion() + 1)
                + ", was "
                + update.record().version());
      }
      orders.put(orderNo, update.record());
      index(update.record());
      addEffects(update.effects());
      traces.computeIfAbsent(orderNo, k -> new ArrayList<>()).addAll(update.trace());
    }
  }

  @Override
  public List<String> findExpiredOrderNos(Instant now, int limit) {
    synchronized (lock) {
      return orders.values().stream()
          .map(OrderRecord::order)
          .filter(o -> o.status() == OrderStatus.PENDING_PAYMENT && !o.expiresAt().isAfter(now))
          .sorted(Comparator.comparing(o -> o.expiresAt()))
          .limit(limit)
          .map(o -> o.orderNo())
          .toList();
    }
  }

  @Override
  public List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit) {
    synchronized (lock) {
      return orders.values().stream()
          .flatMap(r -> r.payments().stream())
          .filter(p -> AWAITING.contains(p.status()) && p.createdAt().isBefore(createdBefore))
          .sorted(Comparator.comparing(Payment::createdAt))
          .limit(limit)
          .toList();
    }
  }

  @Override
  public List<Effect> claimDueEffects(Instant now, Instant leaseUntil, int limit) {
    synchronized (lock) {
      List<Effect> due =
          effects.values().stream()
              .filter(e -> isDue(e, now))
              .sorted(Comparator.comparing(Effect::nextAttemptAt))
              .limit(limit)
              .toList();
      return due.stream().map(e -> claim(e, now, leaseUntil)).toList();
    }
  }

  @Override
  public List<Effect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil) {
    synchronized (lock) {
      List<Effect> claimed = new ArrayList<>();
      for (String id : effectIds) {
        Effect e = effects.get(id);
        if (e != null && e.status() == EffectStatus.PENDING) {
          claimed.add(claim(e, now, leaseUntil));
        }
      }
      return claimed;
    }
  }

  @Override
  public void completeEffect(String effectId, int attempts, Instant at) {
    synchronized (lock) {
      replace(effectId, EffectStatus.DONE, attempts, null, null, at);
    }
  }

  @Override
  public void retryEffectLater(String effectId, int attempts, Instant nextAttemptAt, String error) {
    synchronized (lock) {
      replace(effectId, EffectStatus.PENDING, attempts, nextAttemptAt, error, null);
    }
  }

  @Override
  public void parkEffect(String effectId, int attempts, String error, Instant at) {
    synchronized (lock) {
      replace(effectId, EffectStatus.DEAD, attempts, null, error, at);
    }
  }

  @Override
  public boolean reviveEffect(String effectId, Instant at) {
    synchronized (lock) {
      Effect e = effects.get(effectId);
      if (e == null || e.status() != EffectStatus.DEAD) {
        return false;
      }
      replace(effectId, EffectStatus.PENDING, e.attempts(), at, e.lastError(), at);
      return true;
    }
  }

  @Override
  public List<Effect> findEffects(String orderNo) {
    synchronized (lock) {
      return effects.values().stream().filter(e -> e.orderNo().equals(orderNo)).toList();
    }
  }

  @Override
  public void appendTrace(String orderNo, List<TraceEntry> entries) {
    synchronized (lock) {
      traces.computeIfAbsent(orderNo, k -> new ArrayList<>()).addAll(entries);
    }
  }

  @Override
  public List<TraceEntry> loadTrace(String orderNo) {
    synchronized (lock) {
      return List.copyOf(traces.getOrDefault(orderNo, List.of()));
    }
  }

  private void index(OrderRecord record) {
    String orderNo = record.order().orderNo();
    for (Payment p : record.payments()) {
      orderNoByPaymentNo.put(p.paymentNo(), orderNo);
    }
    for (Refund r : record.refunds()) {
      orderNoByRefundNo.put(r.refundNo(), orderNo);
    }
  }

  private void addEffects(List<Effect> newEffects) {
    for (Effect e : newEffects) {
      effects.putIfAbsent(e.id(), e);
    }
  }

  private boolean isDue(Effect e, Instant now) {
    return switch (e.status()) {
      case PENDING -> !e.nextAttemptAt().isAfter(now);
      case RUNNING -> {
        Instant lease = leases.get(e.id());
        yield lease == null || lease.isBefore(now);
      }
      case DONE, DEAD -> false;
    };
  }

  private Effect claim(Effect e, Instant now, Instant leaseUntil) {
    Effect running =
        new Effect(
            e.id(),
            e.orderNo(),
            e.type(),
            e.target(),
            e.data(),
            EffectStatus.RUNNING,
            e.attempts(),
            e.nextAttemptAt(),
            e.lastError(),
            e.createdAt(),
            now);
    effects.put(e.id(), running);
    leases.put(e.id(), leaseUntil);
    return running;
  }

  private void replace(
      String effectId,
      EffectStatus status,
      int attempts,
      @Nullable Instant nextAttemptAt,
      @Nullable String error,
      @Nullable Instant at) {
    Effect e = effects.get(effectId);
    if (e == null) {
      throw new IllegalArgumentException("no effect with id " + effectId);
    }
    Instant next = nextAttemptAt != null ? nextAttemptAt : e.nextAttemptAt();
    Instant updated = at != null ? at : next;
    effects.put(
        effectId,
        new Effect(
            e.id(),
            e.orderNo(),
            e.type(),
            e.target(),
            e.data(),
            status,
            attempts,
            next,
            error != null ? error : e.lastError(),
            e.createdAt(),
            updated));
    if (status != EffectStatus.RUNNING) {
      leases.remove(effectId);
    }
  }
}
