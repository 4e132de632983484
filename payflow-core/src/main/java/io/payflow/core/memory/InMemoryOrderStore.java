package io.payflow.core.memory;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.StoreStatistics;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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

  private static final Set<OrderStatus> EXPIRABLE =
      EnumSet.of(OrderStatus.RESERVING, OrderStatus.PENDING_PAYMENT);
  private static final Set<PaymentStatus> AWAITING =
      EnumSet.of(PaymentStatus.CREATED, PaymentStatus.PREPAID, PaymentStatus.UNKNOWN);
  private static final Set<RefundStatus> REFUND_AWAITING =
      EnumSet.of(RefundStatus.CREATED, RefundStatus.PROCESSING);

  /** A lease on a claimed effect: its token and when it ends. */
  private record Lease(long token, Instant until) {}

  /** Claim state of one due-work item: when it is free again, and how often it was claimed. */
  private record Claim(Instant freeAt, int attempts) {}

  /** A due item found by a scan, with what orders it. */
  private record Candidate(DueWork work, Instant due, @Nullable Claim claim) {}

  private final Object lock = new Object();
  private final Map<String, OrderRecord> orders = new HashMap<>();
  private final Map<String, String> orderNoByPaymentNo = new HashMap<>();
  private final Map<String, String> orderNoByRefundNo = new HashMap<>();
  private final Map<String, Effect> effects = new LinkedHashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, Long> tokens = new HashMap<>();
  private final Map<DueWorkKind, Map<String, Claim>> claims = new EnumMap<>(DueWorkKind.class);
  private final Map<String, List<TraceEntry>> traces = new HashMap<>();

  public InMemoryOrderStore() {
    for (DueWorkKind kind : DueWorkKind.values()) {
      claims.put(kind, new HashMap<>());
    }
  }

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
      forgetClaimsNoLongerDue(update.record());
      addEffects(update.effects());
      traces.computeIfAbsent(orderNo, k -> new ArrayList<>()).addAll(update.trace());
    }
  }

  @Override
  @Deprecated(forRemoval = true)
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
  public List<DueWork> claimDueWork(
      DueWorkKind kind, Instant cutoff, Instant now, Instant leaseUntil, int limit) {
    synchronized (lock) {
      Map<String, Claim> kindClaims = claims.get(kind);
      List<Candidate> free = new ArrayList<>();
      for (OrderRecord r : orders.values()) {
        for (Candidate c : dueItems(kind, r, cutoff, kindClaims)) {
          if (c.claim() == null || !c.claim().freeAt().isAfter(now)) {
            free.add(c);
          }
        }
      }
      free.sort(
          Comparator.comparing((Candidate c) -> c.claim() != null)
              .thenComparing(c -> c.claim() != null ? c.claim().freeAt() : c.due())
              .thenComparing(c -> c.work().key()));
      List<DueWork> claimed = new ArrayList<>();
      for (Candidate c : free.subList(0, Math.min(limit, free.size()))) {
        int attempts = c.claim() == null ? 1 : c.claim().attempts() + 1;
        kindClaims.put(c.work().key(), new Claim(leaseUntil, attempts));
        claimed.add(new DueWork(kind, c.work().key(), c.work().orderNo(), attempts));
      }
      return claimed;
    }
  }

  @Override
  public void deferDueWork(DueWorkKind kind, String key, Instant dueAt) {
    synchronized (lock) {
      Map<String, Claim> kindClaims = claims.get(kind);
      if (!isStillDue(kind, key)) {
        kindClaims.remove(key);
        return;
      }
      Claim claim = kindClaims.get(key);
      kindClaims.put(key, new Claim(dueAt, claim == null ? 0 : claim.attempts()));
    }
  }

  @Override
  public List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit) {
    synchronized (lock) {
      return orders.values().stream()
          .flatMap(r -> r.payments().stream())
          .filter(p -> AWAITING.contains(p.status()) && p.createdAt().isBefore(createdBefore))
          .sorted(Comparator.comparing(Payment::createdAt).thenComparing(Payment::paymentNo))
          .limit(limit)
          .toList();
    }
  }

  @Override
  public List<Refund> findRefundsAwaitingResult(Instant updatedBefore, int limit) {
    synchronized (lock) {
      return orders.values().stream()
          .flatMap(r -> r.refunds().stream())
          .filter(
              r -> REFUND_AWAITING.contains(r.status()) && r.updatedAt().isBefore(updatedBefore))
          .sorted(Comparator.comparing(Refund::updatedAt).thenComparing(Refund::refundNo))
          .limit(limit)
          .toList();
    }
  }

  @Override
  public List<ClaimedEffect> claimDueEffects(Instant now, Instant leaseUntil, int limit) {
    synchronized (lock) {
      List<Effect> due =
          effects.values().stream()
              .filter(e -> dueAt(e) != null && !dueAt(e).isAfter(now))
              .sorted(Comparator.comparing(this::dueAt).thenComparing(Effect::id))
              .limit(limit)
              .toList();
      return due.stream().map(e -> claim(e, now, leaseUntil)).toList();
    }
  }

  @Override
  public List<ClaimedEffect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil) {
    synchronized (lock) {
      List<ClaimedEffect> claimed = new ArrayList<>();
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
  public boolean completeEffect(String effectId, long token, int attempts, Instant at) {
    synchronized (lock) {
      return fenced(effectId, token, at, EffectStatus.DONE, attempts, null, null);
    }
  }

  @Override
  public boolean retryEffectLater(
      String effectId, long token, int attempts, Instant nextAttemptAt, String error, Instant at) {
    synchronized (lock) {
      return fenced(effectId, token, at, EffectStatus.PENDING, attempts, nextAttemptAt, error);
    }
  }

  @Override
  public boolean parkEffect(String effectId, long token, int attempts, String error, Instant at) {
    synchronized (lock) {
      return fenced(effectId, token, at, EffectStatus.DEAD, attempts, null, error);
    }
  }

  @Override
  public boolean reviveEffect(String effectId, Instant at) {
    synchronized (lock) {
      Effect e = effects.get(effectId);
      if (e == null || e.status() != EffectStatus.DEAD) {
        return false;
      }
      effects.put(effectId, copy(e, EffectStatus.PENDING, e.attempts(), at, e.lastError(), at));
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
  public List<Effect> findEffectsByStatus(EffectStatus status, int limit) {
    synchronized (lock) {
      return effects.values().stream()
          .filter(e -> e.status() == status)
          .sorted(Comparator.comparing(Effect::updatedAt).thenComparing(Effect::id))
          .limit(limit)
          .toList();
    }
  }

  @Override
  public List<Order> findOrders(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "offset must be >= 0 and limit >= 1, were " + offset + " and " + limit);
    }
    synchronized (lock) {
      return orders.values().stream()
          .map(OrderRecord::order)
          .sorted(Comparator.comparing(Order::createdAt).thenComparing(Order::orderNo).reversed())
          .skip(offset)
          .limit(limit)
          .toList();
    }
  }

  @Override
  public StoreStatistics statistics() {
    synchronized (lock) {
      Map<OrderStatus, Long> byOrder = new EnumMap<>(OrderStatus.class);
      Map<PaymentStatus, Long> byPayment = new EnumMap<>(PaymentStatus.class);
      Map<RefundStatus, Long> byRefund = new EnumMap<>(RefundStatus.class);
      Map<EffectStatus, Long> byEffect = new EnumMap<>(EffectStatus.class);
      for (OrderRecord r : orders.values()) {
        byOrder.merge(r.order().status(), 1L, Long::sum);
        r.payments().forEach(p -> byPayment.merge(p.status(), 1L, Long::sum));
        r.refunds().forEach(f -> byRefund.merge(f.status(), 1L, Long::sum));
      }
      effects.values().forEach(e -> byEffect.merge(e.status(), 1L, Long::sum));
      return new StoreStatistics(byOrder, byPayment, byRefund, byEffect);
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

  /** The due items of one kind in one record, with their claim state. */
  private static List<Candidate> dueItems(
      DueWorkKind kind, OrderRecord r, Instant cutoff, Map<String, Claim> kindClaims) {
    List<Candidate> due = new ArrayList<>();
    String orderNo = r.order().orderNo();
    switch (kind) {
      case EXPIRY -> {
        Order o = r.order();
        if (EXPIRABLE.contains(o.status()) && !o.expiresAt().isAfter(cutoff)) {
          due.add(
              new Candidate(
                  new DueWork(kind, orderNo, orderNo, 0), o.expiresAt(), kindClaims.get(orderNo)));
        }
      }
      case PAYMENT_CHECK -> {
        for (Payment p : r.payments()) {
          if (AWAITING.contains(p.status()) && !p.createdAt().isAfter(cutoff)) {
            due.add(
                new Candidate(
                    new DueWork(kind, p.paymentNo(), orderNo, 0),
                    p.createdAt(),
                    kindClaims.get(p.paymentNo())));
          }
        }
      }
      case REFUND_CHECK -> {
        for (Refund f : r.refunds()) {
          if (REFUND_AWAITING.contains(f.status()) && !f.updatedAt().isAfter(cutoff)) {
            due.add(
                new Candidate(
                    new DueWork(kind, f.refundNo(), orderNo, 0),
                    f.updatedAt(),
                    kindClaims.get(f.refundNo())));
          }
        }
      }
    }
    return due;
  }

  /** Whether the item is still in its due status (whatever its due time). */
  private boolean isStillDue(DueWorkKind kind, String key) {
    return switch (kind) {
      case EXPIRY -> {
        OrderRecord r = orders.get(key);
        yield r != null && EXPIRABLE.contains(r.order().status());
      }
      case PAYMENT_CHECK -> {
        String orderNo = orderNoByPaymentNo.get(key);
        OrderRecord r = orderNo == null ? null : orders.get(orderNo);
        yield r != null && r.payment(key).filter(p -> AWAITING.contains(p.status())).isPresent();
      }
      case REFUND_CHECK -> {
        String orderNo = orderNoByRefundNo.get(key);
        OrderRecord r = orderNo == null ? null : orders.get(orderNo);
        yield r != null
            && r.refund(key).filter(f -> REFUND_AWAITING.contains(f.status())).isPresent();
      }
    };
  }

  /** Drops the claim state of items this record holds that have left their due status. */
  private void forgetClaimsNoLongerDue(OrderRecord r) {
    if (!EXPIRABLE.contains(r.order().status())) {
      claims.get(DueWorkKind.EXPIRY).remove(r.order().orderNo());
    }
    for (Payment p : r.payments()) {
      if (!AWAITING.contains(p.status())) {
        claims.get(DueWorkKind.PAYMENT_CHECK).remove(p.paymentNo());
      }
    }
    for (Refund f : r.refunds()) {
      if (!REFUND_AWAITING.contains(f.status())) {
        claims.get(DueWorkKind.REFUND_CHECK).remove(f.refundNo());
      }
    }
  }

  /** When the effect can be claimed: its next attempt, or its lease's end; null never. */
  private @Nullable Instant dueAt(Effect e) {
    return switch (e.status()) {
      case PENDING -> e.nextAttemptAt();
      case RUNNING -> {
        Lease lease = leases.get(e.id());
        yield lease == null ? e.updatedAt() : lease.until();
      }
      case DONE, DEAD -> null;
    };
  }

  private ClaimedEffect claim(Effect e, Instant now, Instant leaseUntil) {
    Effect running =
        copy(e, EffectStatus.RUNNING, e.attempts(), e.nextAttemptAt(), e.lastError(), now);
    long token = tokens.merge(e.id(), 1L, Long::sum);
    effects.put(e.id(), running);
    leases.put(e.id(), new Lease(token, leaseUntil));
    return new ClaimedEffect(running, token, leaseUntil);
  }

  private boolean fenced(
      String effectId,
      long token,
      Instant at,
      EffectStatus status,
      int attempts,
      @Nullable Instant nextAttemptAt,
      @Nullable String error) {
    Effect e = effects.get(effectId);
    Lease lease = leases.get(effectId);
    if (e == null
        || e.status() != EffectStatus.RUNNING
        || lease == null
        || lease.token() != token
        || !lease.until().isAfter(at)) {
      return false;
    }
    Instant next = nextAttemptAt != null ? nextAttemptAt : e.nextAttemptAt();
    effects.put(
        effectId, copy(e, status, attempts, next, error != null ? error : e.lastError(), at));
    leases.remove(effectId);
    return true;
  }

  private static Effect copy(
      Effect e,
      EffectStatus status,
      int attempts,
      Instant nextAttemptAt,
      @Nullable String lastError,
      Instant updatedAt) {
    return new Effect(
        e.id(),
        e.orderNo(),
        e.type(),
        e.target(),
        e.data(),
        status,
        attempts,
        nextAttemptAt,
        lastError,
        e.createdAt(),
        updatedAt);
  }
}
