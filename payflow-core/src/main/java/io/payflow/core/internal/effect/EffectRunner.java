package io.payflow.core.internal.effect;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.event.EffectDead;
import io.payflow.core.event.EffectFailed;
import io.payflow.core.internal.flow.Listeners;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs effects from the outbox: claims them through the store (so that two instances never run the
 * same one at once), runs each on the executor in parallel with the others, and records the outcome
 * of each on its own: done, retried later with exponential backoff ({@link EffectFailed}), or
 * parked as dead after its last attempt ({@link EffectDead}).
 *
 * <p>Every outcome is written with the claim's fencing token: if the store refuses it (the lease
 * ended and another runner has claimed the effect since), this runner does nothing more, publishes
 * no event, and leaves the effect to its new owner. A claim whose lease has ended before a thread
 * picks it up is not started at all. What an effect already did when its lease ran out (a
 * notification on its way) may be done again by the next owner, with the same idempotency key:
 * effects are at-least-once.
 *
 * <p>It counts the effects it has handed to the executor and not yet finished, so that {@link
 * #awaitIdle} can wait for them without sleeping. This class is threadsafe.
 */
public final class EffectRunner {

  /**
   * What an effect does; throwing anything counts as a failed attempt (an {@link Error} too, so
   * that a handler that keeps throwing one still ends {@code DEAD}). It returns the ids of the
   * effects that the transitions it committed owe: the runner starts them itself, so that no
   * handler ever calls back into the runner or the facade.
   */
  @FunctionalInterface
  public interface Handler {
    List<String> execute(Effect effect) throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(EffectRunner.class);

  private final OrderStore store;
  private final Clock clock;
  private final PayFlowConfig config;
  private final Executor executor;
  private final Listeners listeners;
  private final Handler handler;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int inFlight;

  public EffectRunner(
      OrderStore store,
      Clock clock,
      PayFlowConfig config,
      Executor executor,
      Listeners listeners,
      Handler handler) {
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.executor = executor;
    this.listeners = listeners;
    this.handler = handler;
  }

  /**
   * Claims these effects of a committed transition and starts them in parallel; does not wait. An
   * effect another runner holds, or one already done, is not claimed and so not run twice.
   */
  public void runNow(List<String> effectIds) {
    if (effectIds.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<ClaimedEffect> claimed;
    try {
      claimed = store.claimEffects(effectIds, now, now.plus(config.effectLease()));
    } catch (RuntimeException e) {
      // They stay PENDING in the outbox; the sweeper (runDue) picks them up.
      log.warn("payflow could not claim effects {}; the sweeper will run them", effectIds, e);
      return;
    }
    claimed.forEach(this::submit);
  }

  /**
   * Claims effects that are due (retries, and ones a crashed runner left), runs them in parallel
   * and waits for them; returns how many ran.
   */
  public int runDue() {
    Instant now = clock.instant();
    List<ClaimedEffect> due =
        store.claimDueEffects(now, now.plus(config.effectLease()), config.batchSize());
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (ClaimedEffect e : due) {
      running.add(submit(e));
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    return due.size();
  }

  /** Waits until nothing handed to the executor is still running; false on timeout. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (inFlight > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private CompletableFuture<Void> submit(ClaimedEffect claim) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    changeInFlight(1);
    try {
      executor.execute(
          () -> {
            try {
              attempt(claim);
            } finally {
              changeInFlight(-1);
              done.complete(null);
            }
          });
    } catch (RejectedExecutionException e) {
      // Shutting down: hand it back to the outbox, due now, without counting an attempt.
      changeInFlight(-1);
      done.complete(null);
      Effect effect = claim.effect();
      try {
        Instant now = clock.instant();
        if (!store.retryEffectLater(
            effect.id(),
            claim.token(),
            effect.attempts(),
            now,
            "not run: executor rejected it",
            now)) {
          logSuperseded(effect, "hand back");
        }
      } catch (RuntimeException storeFailure) {
        log.warn(
            "payflow could not hand back effect {}; it runs again when its lease ends",
            effect.id(),
            storeFailure);
      }
    }
    return done;
  }

  private void attempt(ClaimedEffect claim) {
    Effect effect = claim.effect();
    if (!claim.leaseUntil().isAfter(clock.instant())) {
      // Its lease ended while it waited for a thread: another runner may hold it already, and a
      // start now could only do the work twice. It is due again; whoever claims it next runs it.
      logSuperseded(effect, "start");
      return;
    }
    int attempts = effect.attempts() + 1;
    List<String> owed;
    try {
      owed = handler.execute(effect);
    } catch (VirtualMachineError fatal) {
      // Out of memory or stack: record the attempt if the JVM still can, then let it go on up.
      try {
        failed(claim, attempts, fatal);
      } catch (Throwable ignored) {
        fatal.addSuppressed(ignored);
      }
      throw fatal;
    } catch (Exception | Error failure) {
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failed(claim, attempts, failure);
      return;
    }
    runNow(owed);
    try {
      if (!store.completeEffect(effect.id(), claim.token(), attempts, clock.instant())) {
        logSuperseded(effect, "mark done");
      }
    } catch (RuntimeException e) {
      // It did its work; if the store cannot record that, the lease ends and it runs again, which
      // its idempotency key makes harmless.
      log.warn("payflow could not mark effect {} done", effect.id(), e);
    }
  }

  private void failed(ClaimedEffect claim, int attempts, Throwable failure) {
    Effect effect = claim.effect();
    String error = describe(failure);
    Instant now = clock.instant();
    try {
      if (attempts >= config.effectMaxAttempts()) {
        if (!store.parkEffect(effect.id(), claim.token(), attempts, error, now)) {
          logSuperseded(effect, "park");
          return;
        }
        log.error(
            "payflow effect {} failed its last attempt ({}); parked as dead: {}",
            effect.id(),
            attempts,
            error);
        listeners.publish(new EffectDead(now, effect.parked(attempts, error, now), error));
      } else {
        Instant next = now.plus(backoff(attempts));
        if (!store.retryEffectLater(effect.id(), claim.token(), attempts, next, error, now)) {
          logSuperseded(effect, "retry");
          return;
        }
        log.warn(
            "payflow effect {} failed attempt {}; retrying at {}: {}",
            effect.id(),
            attempts,
            next,
            error);
        listeners.publish(
            new EffectFailed(now, effect.retrying(attempts, next, error, now), error));
      }
    } catch (RuntimeException storeFailure) {
      log.warn(
          "payflow could not record the failure of effect {}; it runs again when its lease ends",
          effect.id(),
          storeFailure);
    }
  }

  /** The wait after the {@code attempts}-th failure: initial × multiplier^(attempts-1), capped. */
  Duration backoff(int attempts) {
    double millis =
        config.effectInitialBackoff().toMillis()
            * Math.pow(config.effectBackoffMultiplier(), attempts - 1);
    long max = config.effectMaxBackoff().toMillis();
    return Duration.ofMillis(millis >= max ? max : (long) millis);
  }

  /** The store refused a write under this runner's token: another runner owns the effect now. */
  private static void logSuperseded(Effect effect, String what) {
    log.info(
        "payflow did not {} effect {}: its lease ended and another runner has it now",
        what,
        effect.id());
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    // Effects' errors land in the store's last_error column; keep them short.
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private void changeInFlight(int delta) {
    lock.lock();
    try {
      inFlight += delta;
      if (inFlight == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the executor of an owned pool to finish, bounded. */
  public static void shutdown(java.util.concurrent.ExecutorService pool) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
