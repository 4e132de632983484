package io.payflow.core.internal;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.effect.Effect;
import io.payflow.core.event.EffectDead;
import io.payflow.core.event.EffectFailed;
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
 * <p>It counts the effects it has handed to the executor and not yet finished, so that {@link
 * #awaitIdle} can wait for them without sleeping. This class is threadsafe.
 */
final class EffectRunner {

  /** What an effect does; throwing any exception counts as a failed attempt. */
  @FunctionalInterface
  interface Handler {
    void execute(Effect effect) throws Exception;
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

  EffectRunner(
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
  void runNow(List<String> effectIds) {
    if (effectIds.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<Effect> claimed;
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
  int runDue() {
    Instant now = clock.instant();
    List<Effect> due =
        store.claimDueEffects(now, now.plus(config.effectLease()), config.batchSize());
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (Effect e : due) {
      running.add(submit(e));
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    return due.size();
  }

  /** Waits until nothing handed to the executor is still running; false on timeout. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
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

  private CompletableFuture<Void> submit(Effect effect) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    changeInFlight(1);
    try {
      executor.execute(
          () -> {
            try {
              attempt(effect);
            } finally {
              changeInFlight(-1);
              done.complete(null);
            }
          });
    } catch (RejectedExecutionException e) {
      // Shutting down: hand it back to the outbox, due now, without counting an attempt.
      changeInFlight(-1);
      done.complete(null);
      try {
        store.retryEffectLater(
            effect.id(), effect.attempts(), clock.instant(), "not run: executor rejected it");
      } catch (RuntimeException storeFailure) {
        log.warn(
            "payflow could not hand back effect {}; it runs again when its lease ends",
            effect.id(),
            storeFailure);
      }
    }
    return done;
  }

  private void attempt(Effect effect) {
    int attempts = effect.attempts() + 1;
    try {
      handler.execute(effect);
    } catch (Exception failure) {
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failed(effect, attempts, failure);
      return;
    }
    try {
      store.completeEffect(effect.id(), attempts, clock.instant());
    } catch (RuntimeException e) {
      // It did its work; if the store cannot record that, the lease ends and it runs again, which
      // its idempotency key makes harmless.
      log.warn("payflow could not mark effect {} done", effect.id(), e);
    }
  }

  private void failed(Effect effect, int attempts, Exception failure) {
    String error = describe(failure);
    Instant now = clock.instant();
    try {
      if (attempts >= config.effectMaxAttempts()) {
        log.error(
            "payflow effect {} failed its last attempt ({}); parked as dead: {}",
            effect.id(),
            attempts,
            error);
        store.parkEffect(effect.id(), attempts, error, now);
        listeners.publish(new EffectDead(now, effect.parked(attempts, error, now), error));
      } else {
        Instant next = now.plus(backoff(attempts));
        log.warn(
            "payflow effect {} failed attempt {}; retrying at {}: {}",
            effect.id(),
            attempts,
            next,
            error);
        store.retryEffectLater(effect.id(), attempts, next, error);
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

  private static String describe(Exception e) {
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
  static void shutdown(java.util.concurrent.ExecutorService pool) {
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
