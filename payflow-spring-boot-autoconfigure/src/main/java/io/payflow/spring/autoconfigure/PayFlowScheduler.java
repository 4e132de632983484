package io.payflow.spring.autoconfigure;

import io.payflow.core.PayFlow;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs payflow's time-driven work on its own threads: closing expired orders, reconciling silent
 * payments, and sweeping due effects. Its own executor, rather than Spring's {@code @Scheduled}, so
 * that the host needs no {@code @EnableScheduling} and a slow channel query never delays the host's
 * own scheduled jobs. Each task has its own thread so that a slow reconciliation never holds back
 * effect retries.
 *
 * <p>Every run is safe on several instances at once: the store claims the work. A run that throws
 * is logged and the next one happens as planned. This class is threadsafe.
 */
public class PayFlowScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PayFlowScheduler.class);

  private final PayFlow payFlow;
  private final Duration expiryInterval;
  private final Duration reconcileInterval;
  private final Duration sweepInterval;
  private @Nullable ScheduledExecutorService executor;

  public PayFlowScheduler(
      PayFlow payFlow,
      Duration expiryInterval,
      Duration reconcileInterval,
      Duration sweepInterval) {
    this.payFlow = payFlow;
    this.expiryInterval = requirePositive("payflow.expiry.interval", expiryInterval);
    this.reconcileInterval = requirePositive("payflow.reconcile.interval", reconcileInterval);
    this.sweepInterval = requirePositive("payflow.effects.sweep-interval", sweepInterval);
  }

  private static Duration requirePositive(String property, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new PayFlowConfigurationException(
          property, "must be a positive duration, was " + value);
    }
    return value;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    ScheduledExecutorService ex =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "payflow-scheduler-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    schedule(ex, "closing expired orders", payFlow::closeExpiredOrders, expiryInterval);
    schedule(ex, "reconciling payments", payFlow::reconcilePayments, reconcileInterval);
    schedule(ex, "reconciling refunds", payFlow::reconcileRefunds, reconcileInterval);
    schedule(ex, "running due effects", payFlow::runDueEffects, sweepInterval);
    executor = ex;
  }

  private static void schedule(
      ScheduledExecutorService ex, String what, IntSupplier task, Duration interval) {
    long millis = interval.toMillis();
    ex.scheduleWithFixedDelay(
        () -> {
          // A task that throws would be cancelled for good by the executor: log and carry on.
          try {
            int done = task.getAsInt();
            if (done > 0) {
              log.debug("payflow: {} handled {}", what, done);
            }
          } catch (RuntimeException e) {
            log.warn("payflow: {} failed; trying again in {}", what, interval, e);
          } catch (Error e) {
            // The executor would drop this task silently; say so before it does.
            log.error("payflow: {} failed with an error; it stops until restart", what, e);
            throw e;
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService ex = executor;
    executor = null;
    if (ex == null) {
      return;
    }
    ex.shutdown();
    try {
      // Let a run in progress finish its transition rather than cut it mid-way.
      if (!ex.awaitTermination(10, TimeUnit.SECONDS)) {
        ex.shutdownNow();
      }
    } catch (InterruptedException e) {
      ex.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
