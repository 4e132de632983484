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
import io.payflow.core.trace.Participant;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

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

  private static final int EFFECT_LOCK_STRIPES = 256;
  private static final int SHARED_TRACE_STEPS = 1 << 15;
  private static final int SHARED_EFFECT_DATA = 4096;
  private static final String[] NO_IDS = {};

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

  private final ConcurrentHashMap<String, Effect> effects = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Effect> pendingByDue =
      new ConcurrentSkipListSet<>(
          Comparator.comparing(Effect::nextAttemptAt).thenComparing(Effect::id));
  private final ConcurrentSkipListSet<Lease> runningByLeaseEnd =
      new ConcurrentSkipListSet<>(
          Comparator.comparing(Lease::until).thenComparing(Lease::effectId));
  private final Map<EffectStatus, ConcurrentSkipListSet<Effect>> effectsByStatus =
      new EnumMap<>(EffectStatus.class);
  private final Object[] effectLocks = new Object[EFFECT_LOCK_STRIPES];
  private final AtomicLong tokens = new AtomicLong();

  private final Map<DueWorkKind, DueIndex> due = new EnumMap<>(DueWorkKind.class);

  private final Counter<OrderStatus> orderCounts = new Counter<>(OrderStatus.class);
  private final Counter<PaymentStatus> paymentCounts = new Counter<>(PaymentStatus.class);
  private final Counter<RefundStatus> refundCounts = new Counter<>(RefundStatus.class);
  private final Counter<EffectStatus> effectCounts = new Counter<>(EffectStatus.class);

  private final ConcurrentHashMap<Step, TraceNode> traceSteps = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Map<String, String>, Map<String, String>> effectData =
      new ConcurrentHashMap<>();

  public InMemoryOrderStore() {
    for (EffectStatus s : EffectStatus.values()) {
      effectsByStatus.put(
          s,
          new ConcurrentSkipListSet<>(
              Comparator.comparing(Effect::updatedAt).thenComparing(Effect::id)));
    }
    for (int i = 0; i < effectLocks.length; i++) {
      effectLocks[i] = new Object();
    }
    for (DueWorkKind kind : DueWorkKind.values()) {
      due.put(kind, new DueIndex());
    }
  }

  // ---------------------------------------------------------------- orders

  @Override
  public void insert(OrderRecord record, List<Effect> newEffects, List<TraceEntry> trace) {
    String orderNo = record.order().orderNo();
    OrderSlot slot = new OrderSlot(record, compact(CompactTrace.EMPTY, trace));
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
      count(null, record);
      indexDueWork(null, record);
      addEffects(slot, newEffects);
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
      count(current, next);
      indexDueWork(current, next);
      addEffects(slot, update.effects());
      slot.trace = compact(slot.trace, update.trace());
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
    return new StoreStatistics(
        orderCounts.snapshot(),
        paymentCounts.snapshot(),
        refundCounts.snapshot(),
        effectCounts.snapshot());
  }

  @Override
  public void appendTrace(String orderNo, List<TraceEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    OrderSlot slot = orders.get(orderNo);
    if (slot == null) {
      // Not stored (yet): keep them aside; an insert that races this takes them over below.
      orphanTraces.merge(orderNo, compact(CompactTrace.EMPTY, entries), CompactTrace::append);
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
      slot.trace = compact(slot.trace, entries);
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
    DueIndex index = due.get(kind);
    List<DueWork> claimed = new ArrayList<>(Math.min(limit, 100));
    Set<String> taken = new HashSet<>();
    for (DueEntry e : index.fresh) {
      if (claimed.size() >= limit || e.at.isAfter(cutoff)) {
        break;
      }
      claim(kind, index, e, e.item.freshEntry, cutoff, leaseUntil, claimed, taken);
    }
    for (DueEntry e : index.free) {
      if (claimed.size() >= limit || e.at.isAfter(now)) {
        break;
      }
      claim(kind, index, e, e.item.freeEntry, cutoff, leaseUntil, claimed, taken);
    }
    return claimed;
  }

  private static void claim(
      DueWorkKind kind,
      DueIndex index,
      DueEntry entry,
      @Nullable DueEntry seenAs,
      Instant cutoff,
      Instant leaseUntil,
      List<DueWork> claimed,
      Set<String> taken) {
    WorkItem item = entry.item;
    if (seenAs != entry || taken.contains(item.key)) {
      return; // claimed, deferred or changed since the index was read
    }
    synchronized (item) {
      boolean current = item.freshEntry == entry || item.freeEntry == entry;
      if (!item.live || !current || item.due.isAfter(cutoff)) {
        return;
      }
      index.unlist(item);
      item.attempts++;
      item.freeEntry = new DueEntry(leaseUntil, item);
      index.free.add(item.freeEntry);
      taken.add(item.key);
      claimed.add(new DueWork(kind, item.key, item.orderNo, item.attempts));
    }
  }

  @Override
  public void deferDueWork(DueWorkKind kind, String key, Instant dueAt) {
    DueIndex index = due.get(kind);
    WorkItem item = index.items.get(key);
    if (item == null) {
      return; // gone, or no longer due
    }
    synchronized (item) {
      if (!item.live) {
        return;
      }
      index.unlist(item);
      item.freeEntry = new DueEntry(dueAt, item);
      index.free.add(item.freeEntry);
    }
  }

  @Override
  public List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit) {
    List<Payment> found = new ArrayList<>();
    for (DueEntry e : due.get(DueWorkKind.PAYMENT_CHECK).byDue) {
      if (found.size() >= limit || !e.at.isBefore(createdBefore)) {
        break;
      }
      if (listed(e) && e.item.value instanceof Payment p) {
        found.add(p);
      }
    }
    return found;
  }

  @Override
  public List<Refund> findRefundsAwaitingResult(Instant updatedBefore, int limit) {
    List<Refund> found = new ArrayList<>();
    for (DueEntry e : due.get(DueWorkKind.REFUND_CHECK).byDue) {
      if (found.size() >= limit || !e.at.isBefore(updatedBefore)) {
        break;
      }
      if (listed(e) && e.item.value instanceof Refund r) {
        found.add(r);
      }
    }
    return found;
  }

  /** Whether this view entry is the item's current one (not one being replaced). */
  private static boolean listed(DueEntry e) {
    return e.item.live && e.item.byDueEntry == e;
  }

  /**
   * Brings the due-work indexes in line with a record's new state: items that became due are
   * listed, items whose due field moved are re-listed, items that left their due status are dropped
   * with their claim state. Called with the order's monitor held.
   */
  private void indexDueWork(@Nullable OrderRecord before, OrderRecord after) {
    Order order = after.order();
    track(
        DueWorkKind.EXPIRY,
        order.orderNo(),
        order.orderNo(),
        isDue(order.status()) ? order.expiresAt() : null,
        order);
    for (Payment p : after.payments()) {
      track(
          DueWorkKind.PAYMENT_CHECK,
          p.paymentNo(),
          order.orderNo(),
          isDue(p.status()) ? p.createdAt() : null,
          p);
    }
    for (Refund r : after.refunds()) {
      track(
          DueWorkKind.REFUND_CHECK,
          r.refundNo(),
          order.orderNo(),
          isDue(r.status()) ? r.updatedAt() : null,
          r);
    }
  }

  /** Lists, re-lists or drops one item; {@code dueAt} null means it is not in a due status. */
  private void track(
      DueWorkKind kind, String key, String orderNo, @Nullable Instant dueAt, Object value) {
    DueIndex index = due.get(kind);
    WorkItem item = index.items.get(key);
    if (dueAt == null) {
      if (item != null) {
        synchronized (item) {
          item.live = false;
          index.unlist(item);
          index.byDue.remove(item.byDueEntry);
          index.items.remove(key, item);
        }
      }
      return;
    }
    if (item == null) {
      item = new WorkItem(key, orderNo, dueAt, value);
      synchronized (item) {
        item.freshEntry = new DueEntry(dueAt, item);
        item.byDueEntry = new DueEntry(dueAt, item);
        index.items.put(key, item);
        index.byDue.add(item.byDueEntry);
        index.fresh.add(item.freshEntry);
      }
      return;
    }
    synchronized (item) {
      item.value = value;
      if (!item.due.equals(dueAt)) {
        item.due = dueAt;
        index.byDue.remove(item.byDueEntry);
        item.byDueEntry = new DueEntry(dueAt, item);
        index.byDue.add(item.byDueEntry);
        if (item.freshEntry != null) {
          index.fresh.remove(item.freshEntry);
          item.freshEntry = new DueEntry(dueAt, item);
          index.fresh.add(item.freshEntry);
        }
      }
    }
  }

  private static boolean isDue(OrderStatus s) {
    return s == OrderStatus.RESERVING || s == OrderStatus.PENDING_PAYMENT;
  }

  private static boolean isDue(PaymentStatus s) {
    return s == PaymentStatus.CREATED || s == PaymentStatus.PREPAID || s == PaymentStatus.UNKNOWN;
  }

  private static boolean isDue(RefundStatus s) {
    return s == RefundStatus.CREATED || s == RefundStatus.PROCESSING;
  }

  // ---------------------------------------------------------------- effects

  @Override
  public List<ClaimedEffect> claimDueEffects(Instant now, Instant leaseUntil, int limit) {
    List<ClaimedEffect> claimed = new ArrayList<>(Math.min(limit, 100));
    Set<String> taken = new HashSet<>();
    Iterator<Effect> pending = pendingByDue.iterator();
    Iterator<Lease> running = runningByLeaseEnd.iterator();
    Effect p = next(pending);
    Lease r = next(running);
    while (claimed.size() < limit) {
      boolean pendingDue = p != null && !p.nextAttemptAt().isAfter(now);
      boolean runningDue = r != null && !r.until().isAfter(now);
      if (!pendingDue && !runningDue) {
        break;
      }
      if (pendingDue && (!runningDue || !r.until().isBefore(p.nextAttemptAt()))) {
        Effect candidate = p;
        p = next(pending);
        if (!taken.contains(candidate.id())) {
          claimIfStill(candidate.id(), candidate, null, now, leaseUntil, claimed, taken);
        }
      } else {
        Lease candidate = r;
        r = next(running);
        if (!taken.contains(candidate.effectId())) {
          claimIfStill(candidate.effectId(), null, candidate, now, leaseUntil, claimed, taken);
        }
      }
    }
    return claimed;
  }

  private static <T> @Nullable T next(Iterator<T> it) {
    return it.hasNext() ? it.next() : null;
  }

  /** Claims the effect if it is still the pending {@code seen} or still under the ended lease. */
  private void claimIfStill(
      String id,
      @Nullable Effect seen,
      @Nullable Lease ended,
      Instant now,
      Instant leaseUntil,
      List<ClaimedEffect> claimed,
      Set<String> taken) {
    synchronized (lockFor(id)) {
      Effect current = effects.get(id);
      boolean still =
          seen != null
              ? current == seen
              : current != null
                  && current.status() == EffectStatus.RUNNING
                  && leases.get(id) == ended;
      if (still) {
        claimed.add(claim(current, now, leaseUntil));
        taken.add(id);
      }
    }
  }

  @Override
  public List<ClaimedEffect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil) {
    List<ClaimedEffect> claimed = new ArrayList<>(effectIds.size());
    for (String id : effectIds) {
      synchronized (lockFor(id)) {
        Effect e = effects.get(id);
        if (e != null && e.status() == EffectStatus.PENDING) {
          claimed.add(claim(e, now, leaseUntil));
        }
      }
    }
    return claimed;
  }

  /** Makes the effect RUNNING under a new lease and token. Called with its stripe held. */
  private ClaimedEffect claim(Effect e, Instant now, Instant leaseUntil) {
    Effect running =
        copy(e, EffectStatus.RUNNING, e.attempts(), e.nextAttemptAt(), e.lastError(), now);
    long token = tokens.incrementAndGet();
    Lease lease = new Lease(e.id(), leaseUntil, token);
    replace(e, running);
    Lease old = leases.put(e.id(), lease);
    if (old != null) {
      runningByLeaseEnd.remove(old);
    }
    runningByLeaseEnd.add(lease);
    return new ClaimedEffect(running, token, leaseUntil);
  }

  @Override
  public boolean completeEffect(String effectId, long token, int attempts, Instant at) {
    return finish(effectId, token, at, EffectStatus.DONE, attempts, null, null);
  }

  @Override
  public boolean retryEffectLater(
      String effectId, long token, int attempts, Instant nextAttemptAt, String error, Instant at) {
    return finish(effectId, token, at, EffectStatus.PENDING, attempts, nextAttemptAt, error);
  }

  @Override
  public boolean parkEffect(String effectId, long token, int attempts, String error, Instant at) {
    return finish(effectId, token, at, EffectStatus.DEAD, attempts, null, error);
  }

  /** Writes a runner's outcome if it still holds the effect under this token and lease. */
  private boolean finish(
      String effectId,
      long token,
      Instant at,
      EffectStatus status,
      int attempts,
      @Nullable Instant nextAttemptAt,
      @Nullable String error) {
    synchronized (lockFor(effectId)) {
      Effect e = effects.get(effectId);
      Lease lease = leases.get(effectId);
      if (e == null
          || e.status() != EffectStatus.RUNNING
          || lease == null
          || lease.token() != token
          || !lease.until().isAfter(at)) {
        return false;
      }
      leases.remove(effectId);
      runningByLeaseEnd.remove(lease);
      Instant next = nextAttemptAt != null ? nextAttemptAt : e.nextAttemptAt();
      replace(e, copy(e, status, attempts, next, error != null ? error : e.lastError(), at));
      return true;
    }
  }

  @Override
  public boolean reviveEffect(String effectId, Instant at) {
    synchronized (lockFor(effectId)) {
      Effect e = effects.get(effectId);
      if (e == null || e.status() != EffectStatus.DEAD) {
        return false;
      }
      replace(e, copy(e, EffectStatus.PENDING, e.attempts(), at, e.lastError(), at));
      return true;
    }
  }

  @Override
  public List<Effect> findEffects(String orderNo) {
    OrderSlot slot = orders.get(orderNo);
    if (slot == null) {
      return List.of();
    }
    String[] ids = slot.effectIds;
    List<Effect> found = new ArrayList<>(ids.length);
    for (String id : ids) {
      Effect e = effects.get(id);
      if (e != null) {
        found.add(e);
      }
    }
    return found;
  }

  @Override
  public List<Effect> findEffectsByStatus(EffectStatus status, int limit) {
    List<Effect> found = new ArrayList<>(Math.min(limit, 100));
    for (Effect e : effectsByStatus.get(status)) {
      if (found.size() >= limit) {
        break;
      }
      found.add(e);
    }
    return found;
  }

  /** Adds the effects whose ids the store does not hold yet. Called with the order's monitor. */
  private void addEffects(OrderSlot slot, List<Effect> newEffects) {
    if (newEffects.isEmpty()) {
      return;
    }
    List<String> added = new ArrayList<>(newEffects.size());
    for (Effect given : newEffects) {
      Effect e = withSharedData(given);
      synchronized (lockFor(e.id())) {
        if (effects.putIfAbsent(e.id(), e) == null) {
          listEffect(e);
          leaseRecordedRunning(e);
          effectCounts.add(e.status(), 1);
          added.add(e.id());
        }
      }
    }
    if (!added.isEmpty()) {
      String[] ids = slot.effectIds;
      String[] grown = Arrays.copyOf(ids, ids.length + added.size());
      for (int i = 0; i < added.size(); i++) {
        grown[ids.length + i] = added.get(i);
      }
      slot.effectIds = grown;
    }
  }

  /** Swaps an effect for its new state in the map and every index. Called with its stripe. */
  private void replace(Effect old, Effect next) {
    effects.put(next.id(), next);
    unlistEffect(old);
    listEffect(next);
    if (old.status() != next.status()) {
      effectCounts.add(old.status(), -1);
      effectCounts.add(next.status(), 1);
    }
  }

  private void listEffect(Effect e) {
    effectsByStatus.get(e.status()).add(e);
    if (e.status() == EffectStatus.PENDING) {
      pendingByDue.add(e);
    }
  }

  /**
   * An effect recorded as RUNNING (not by a claim here) has a lease that ended at its last update,
   * under a token nobody holds: the next claim takes it over.
   */
  private void leaseRecordedRunning(Effect e) {
    if (e.status() == EffectStatus.RUNNING) {
      Lease lease = new Lease(e.id(), e.updatedAt(), tokens.incrementAndGet());
      leases.put(e.id(), lease);
      runningByLeaseEnd.add(lease);
    }
  }

  private void unlistEffect(Effect e) {
    effectsByStatus.get(e.status()).remove(e);
    if (e.status() == EffectStatus.PENDING) {
      pendingByDue.remove(e);
    }
  }

  private Object lockFor(String effectId) {
    int h = effectId.hashCode();
    return effectLocks[(h ^ (h >>> 16)) & (EFFECT_LOCK_STRIPES - 1)];
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

  private void count(@Nullable OrderRecord before, OrderRecord after) {
    if (before != null) {
      orderCounts.add(before.order().status(), -1);
      before.payments().forEach(p -> paymentCounts.add(p.status(), -1));
      before.refunds().forEach(r -> refundCounts.add(r.status(), -1));
    }
    orderCounts.add(after.order().status(), 1);
    after.payments().forEach(p -> paymentCounts.add(p.status(), 1));
    after.refunds().forEach(r -> refundCounts.add(r.status(), 1));
  }

  /** The trace with these entries appended, the steps that orders repeat shared. */
  private CompactTrace compact(CompactTrace trace, List<TraceEntry> entries) {
    CompactTrace result = trace;
    for (TraceEntry e : entries) {
      Shape shape = new Shape(e.from(), e.to(), e.message(), e.reply(), e.block());
      result = result.plus(step(result.last, shape), e.at());
    }
    return result;
  }

  /**
   * The trace node that follows {@code parent} with {@code shape}: one shared node for every order
   * whose trace so far is the same sequence of steps (so a thousand orders that went the same way
   * share one chain). Bounded, so never a leak: past the bound a node is simply not shared.
   */
  private TraceNode step(@Nullable TraceNode parent, Shape shape) {
    Step key = new Step(parent, shape);
    TraceNode shared = traceSteps.get(key);
    if (shared != null) {
      return shared;
    }
    TraceNode node = new TraceNode(parent, shape);
    if (traceSteps.size() >= SHARED_TRACE_STEPS) {
      return node;
    }
    shared = traceSteps.putIfAbsent(key, node);
    return shared != null ? shared : node;
  }

  /** The effect with a shared copy of its data map: most effects' data repeat across orders. */
  private Effect withSharedData(Effect e) {
    Map<String, String> data = e.data();
    if (data.isEmpty()) {
      return e;
    }
    Map<String, String> shared = effectData.get(data);
    if (shared == null) {
      if (effectData.size() >= SHARED_EFFECT_DATA) {
        return e;
      }
      shared = effectData.putIfAbsent(data, data);
      if (shared == null) {
        return e;
      }
    }
    return shared == data
        ? e
        : new Effect(
            e.id(),
            e.orderNo(),
            e.type(),
            e.target(),
            shared,
            e.status(),
            e.attempts(),
            e.nextAttemptAt(),
            e.lastError(),
            e.createdAt(),
            e.updatedAt());
  }

  // ---------------------------------------------------------------- holders

  /** One order: its record, its effect ids in recorded order, its trace; written under itself. */
  private static final class OrderSlot {
    final String orderNo;
    final Instant createdAt;
    volatile OrderRecord record;
    volatile String[] effectIds = NO_IDS;
    volatile CompactTrace trace;

    OrderSlot(OrderRecord record, CompactTrace trace) {
      this.orderNo = record.order().orderNo();
      this.createdAt = record.order().createdAt();
      this.record = record;
      this.trace = trace;
    }
  }

  /** A running effect's lease: immutable, so it can be a key of the lease-end index. */
  private record Lease(String effectId, Instant until, long token) {}

  /**
   * One item of due work while it is in its due status: its due field, its claim state (attempts,
   * and when it is free again) and the index entries that list it. Changed under its own monitor.
   */
  private static final class WorkItem {
    final String key;
    final String orderNo;
    Instant due;
    volatile Object value;
    volatile boolean live = true;
    int attempts;
    volatile @Nullable DueEntry freshEntry;
    volatile @Nullable DueEntry freeEntry;
    volatile @Nullable DueEntry byDueEntry;

    WorkItem(String key, String orderNo, Instant due, Object value) {
      this.key = key;
      this.orderNo = orderNo;
      this.due = due;
      this.value = value;
    }
  }

  /** An immutable index entry: a time and the item it lists, ordered by time then key. */
  private static final class DueEntry implements Comparable<DueEntry> {
    final Instant at;
    final WorkItem item;

    DueEntry(Instant at, WorkItem item) {
      this.at = at;
      this.item = item;
    }

    @Override
    public int compareTo(DueEntry o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : item.key.compareTo(o.item.key);
    }
  }

  /** The indexes of one kind of due work. */
  private static final class DueIndex {
    /** Items in their due status, by key. */
    final ConcurrentHashMap<String, WorkItem> items = new ConcurrentHashMap<>();

    /** Never-claimed items by due field, then key. */
    final ConcurrentSkipListSet<DueEntry> fresh = new ConcurrentSkipListSet<>();

    /** Claimed (or deferred) items by when they are free again, then key. */
    final ConcurrentSkipListSet<DueEntry> free = new ConcurrentSkipListSet<>();

    /** Every item by due field, then key, for the views. */
    final ConcurrentSkipListSet<DueEntry> byDue = new ConcurrentSkipListSet<>();

    /** Takes the item off the claim indexes (fresh or free). Called with the item's monitor. */
    void unlist(WorkItem item) {
      DueEntry f = item.freshEntry;
      if (f != null) {
        fresh.remove(f);
        item.freshEntry = null;
      }
      DueEntry c = item.freeEntry;
      if (c != null) {
        free.remove(c);
        item.freeEntry = null;
      }
    }
  }

  /**
   * A trace entry without its time: the part that repeats across orders. Every entry of every
   * transition is looked up by its shape, so equals and hashCode are written out (and the hash
   * kept): the ones a record generates go through method handles, and in the lifecycle benchmark's
   * profile they took about a third of the store's CPU time.
   */
  private record Shape(
      Participant from, Participant to, String message, boolean reply, String block) {

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Shape s
          && from == s.from
          && to == s.to
          && reply == s.reply
          && message.equals(s.message)
          && block.equals(s.block);
    }

    @Override
    public int hashCode() {
      int h = from.ordinal();
      h = 31 * h + to.ordinal();
      h = 31 * h + message.hashCode();
      h = 31 * h + (reply ? 1 : 0);
      return 31 * h + block.hashCode();
    }
  }

  /** One step of a trace after the steps before it; shared between orders through {@link #step}. */
  private static final class TraceNode {
    final @Nullable TraceNode parent;
    final Shape shape;
    final int length;

    TraceNode(@Nullable TraceNode parent, Shape shape) {
      this.parent = parent;
      this.shape = shape;
      this.length = parent == null ? 1 : parent.length + 1;
    }
  }

  /** The key of a shared trace node: its parent (by identity) and its shape. */
  private record Step(@Nullable TraceNode parent, Shape shape) {

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Step s && parent == s.parent && shape.equals(s.shape);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(parent) + shape.hashCode();
    }
  }

  /**
   * A trace stored compactly: its last (shared) {@link TraceNode}, and its times as zig-zag varint
   * deltas of nanoseconds since the epoch, or the instants themselves if one lies outside about
   * 1677–2262. Immutable; adding an entry makes a new one.
   */
  private static final class CompactTrace {
    static final CompactTrace EMPTY = new CompactTrace(null, new byte[0], 0, null);

    final @Nullable TraceNode last;
    final byte[] times;
    final long lastNanos;
    final Instant @Nullable [] instants;

    private CompactTrace(
        @Nullable TraceNode last, byte[] times, long lastNanos, Instant @Nullable [] instants) {
      this.last = last;
      this.times = times;
      this.lastNanos = lastNanos;
      this.instants = instants;
    }

    int size() {
      return last == null ? 0 : last.length;
    }

    CompactTrace plus(TraceNode node, Instant at) {
      if (instants == null) {
        try {
          long nanos =
              Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
          long delta = Math.subtractExact(nanos, lastNanos);
          return new CompactTrace(
              node, appendVarint(times, (delta << 1) ^ (delta >> 63)), nanos, null);
        } catch (ArithmeticException outsideTheNanosRange) {
          // fall through to instants
        }
      }
      Instant[] all = instants != null ? instants : decodeTimes();
      Instant[] more = Arrays.copyOf(all, all.length + 1);
      more[all.length] = at;
      return new CompactTrace(node, new byte[0], 0, more);
    }

    CompactTrace append(CompactTrace more) {
      List<TraceEntry> entries = more.entries();
      CompactTrace result = this;
      for (TraceEntry e : entries) {
        Shape shape = new Shape(e.from(), e.to(), e.message(), e.reply(), e.block());
        result = result.plus(new TraceNode(result.last, shape), e.at());
      }
      return result;
    }

    private Instant[] decodeTimes() {
      Instant[] out = new Instant[size()];
      long nanos = 0;
      int pos = 0;
      for (int i = 0; i < out.length; i++) {
        long raw = 0;
        int shift = 0;
        byte b;
        do {
          b = times[pos++];
          raw |= (long) (b & 0x7f) << shift;
          shift += 7;
        } while (b < 0);
        nanos += (raw >>> 1) ^ -(raw & 1);
        out[i] =
            Instant.ofEpochSecond(
                Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
      }
      return out;
    }

    private static byte[] appendVarint(byte[] bytes, long value) {
      byte[] buffer = new byte[10];
      int n = 0;
      long v = value;
      while ((v & ~0x7fL) != 0) {
        buffer[n++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      buffer[n++] = (byte) v;
      byte[] out = Arrays.copyOf(bytes, bytes.length + n);
      System.arraycopy(buffer, 0, out, bytes.length, n);
      return out;
    }

    List<TraceEntry> entries() {
      int n = size();
      Instant[] at = instants != null ? instants : decodeTimes();
      TraceEntry[] out = new TraceEntry[n];
      TraceNode node = last;
      for (int i = n - 1; i >= 0; i--) {
        Shape x = node.shape;
        out[i] = new TraceEntry(at[i], x.from(), x.to(), x.message(), x.reply(), x.block());
        node = node.parent;
      }
      return List.of(out);
    }
  }

  /** Counts by status, one striped counter per constant (writers on many threads never collide). */
  private static final class Counter<E extends Enum<E>> {
    private final Class<E> type;
    private final LongAdder[] counts;

    Counter(Class<E> type) {
      this.type = type;
      this.counts = new LongAdder[type.getEnumConstants().length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void add(E status, long delta) {
      counts[status.ordinal()].add(delta);
    }

    Map<E, Long> snapshot() {
      Map<E, Long> map = new EnumMap<>(type);
      for (E e : type.getEnumConstants()) {
        map.put(e, counts[e.ordinal()].sum());
      }
      return map;
    }
  }
}
