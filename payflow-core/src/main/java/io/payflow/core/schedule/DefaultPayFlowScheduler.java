package io.payflow.core.schedule;

import io.payflow.core.PayFlow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler: four fixed-delay tasks on one executor, each guarded so that a failing run never
 * cancels the next one.
 *
 * <p>This class is threadsafe.
 */
final class DefaultPayFlowScheduler implements PayFlowScheduler {

  private static final Logger log = LoggerFactory.getLogger(PayFlowScheduler.class);

  private final SchedulerConfig config;
  private final ScheduledExecutorService executor;
  private final boolean ownsExecutor;
  private final List<ScheduledFuture<?>> tasks;
  private boolean running = true;

  private DefaultPayFlowScheduler(
      PayFlow payFlow,
      SchedulerConfig config,
      ScheduledExecutorService executor,
      boolean ownsExecutor) {
    this.config = config;
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
    this.tasks =
        List.of(
            schedule(
                "closing expired orders", payFlow::closeExpiredOrders, config.expiryInterval()),
            schedule(
                "reconciling payments", payFlow::reconcilePayments, config.reconcileInterval()),
            schedule("reconciling refunds", payFlow::reconcileRefunds, config.reconcileInterval()),
            schedule("running due effects", payFlow::runDueEffects, config.effectSweepInterval()));
  }

  static PayFlowScheduler startOwned(PayFlow payFlow, SchedulerConfig config) {
    AtomicInteger n = new AtomicInteger();
    ScheduledExecutorService executor =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "payflow-scheduler-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return new DefaultPayFlowScheduler(payFlow, config, executor, true);
  }

  static PayFlowScheduler startOn(
      PayFlow payFlow, SchedulerConfig config, ScheduledExecutorService executor) {
    return new DefaultPayFlowScheduler(payFlow, config, executor, false);
  }

  private ScheduledFuture<?> schedule(String what, IntSupplier task, Duration interval) {
    long nanos = interval.toNanos();
    return executor.scheduleWithFixedDelay(
        () -> runOnce(what, task, interval), nanos, nanos, TimeUnit.NANOSECONDS);
  }

  static void runOnce(String what, IntSupplier task, Duration interval) {
    // A task that throws is cancelled for good by the executor: log and carry on instead.
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
  }

  @Override
  public SchedulerConfig config() {
    return config;
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    tasks.forEach(t -> t.cancel(false));
    if (!ownsExecutor) {
      return;
    }
    executor.shutdown();
    try {
      // Let a run in progress finish its transition rather than cut it mid-way.
      if (!executor.awaitTermination(config.shutdownGrace().toNanos(), TimeUnit.NANOSECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "PayFlowScheduler[" + config + ", running=" + isRunning() + "]";
  }
}
