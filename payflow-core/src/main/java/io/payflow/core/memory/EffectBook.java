package io.payflow.core.memory;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** The effects with their leases, fencing tokens, claims and indexes; threadsafe. */
final class EffectBook {

  private static final int EFFECT_LOCK_STRIPES = 256;
  private static final int SHARED_EFFECT_DATA = 4096;

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

  private final ConcurrentHashMap<Map<String, String>, Map<String, String>> effectData =
      new ConcurrentHashMap<>();

  private final StatusCounters counters;

  EffectBook(StatusCounters counters) {
    this.counters = counters;
    for (EffectStatus s : EffectStatus.values()) {
      effectsByStatus.put(
          s,
          new ConcurrentSkipListSet<>(
              Comparator.comparing(Effect::updatedAt).thenComparing(Effect::id)));
    }
    for (int i = 0; i < effectLocks.length; i++) {
      effectLocks[i] = new Object();
    }
  }

  List<ClaimedEffect> claimDueEffects(Instant now, Instant leaseUntil, int limit) {
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

  List<ClaimedEffect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil) {
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

  boolean completeEffect(String effectId, long token, int attempts, Instant at) {
    return finish(effectId, token, at, EffectStatus.DONE, attempts, null, null);
  }

  boolean retryEffectLater(
      String effectId, long token, int attempts, Instant nextAttemptAt, String error, Instant at) {
    return finish(effectId, token, at, EffectStatus.PENDING, attempts, nextAttemptAt, error);
  }

  boolean parkEffect(String effectId, long token, int attempts, String error, Instant at) {
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

  boolean reviveEffect(String effectId, Instant at) {
    synchronized (lockFor(effectId)) {
      Effect e = effects.get(effectId);
      if (e == null || e.status() != EffectStatus.DEAD) {
        return false;
      }
      replace(e, copy(e, EffectStatus.PENDING, e.attempts(), at, e.lastError(), at));
      return true;
    }
  }

  /** The stored effects of these ids, in this order. */
  List<Effect> effectsOf(String[] ids) {
    List<Effect> found = new ArrayList<>(ids.length);
    for (String id : ids) {
      Effect e = effects.get(id);
      if (e != null) {
        found.add(e);
      }
    }
    return found;
  }

  List<Effect> findEffectsByStatus(EffectStatus status, int limit) {
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
  void addEffects(OrderSlot slot, List<Effect> newEffects) {
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
          counters.addEffect(e.status());
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
    counters.moveEffect(old.status(), next.status());
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
}
