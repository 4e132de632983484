package io.payflow.spring.autoconfigure;

import io.payflow.core.PayFlow;
import io.payflow.core.error.ConfigurationException;
import io.payflow.core.schedule.SchedulerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Ties the core's scheduler ({@link io.payflow.core.schedule.PayFlowScheduler}: closing expired
 * orders, reconciling silent payments and refunds, sweeping due effects, each on its own thread at
 * a fixed delay) to the application context: it starts when the context has started and stops
 * before the beans it uses are destroyed. The core's own executor, rather than Spring's
 * {@code @Scheduled}, so that the host needs no {@code @EnableScheduling} and a slow channel query
 * never delays the host's own scheduled jobs.
 *
 * <p>Every run is safe on several instances at once: the store claims the work. A run that throws
 * is logged and the next one happens as planned. This class is threadsafe.
 */
public class PayFlowScheduler implements SmartLifecycle {

  // The core names its settings; a Boot user needs the property to change.
  private static final Map<String, String> PROPERTY_OF_SETTING =
      Map.of(
          "expiryInterval", "payflow.expiry.interval",
          "reconcileInterval", "payflow.reconcile.interval",
          "effectSweepInterval", "payflow.effects.sweep-interval");

  private final PayFlow payFlow;
  private final SchedulerConfig config;
  private io.payflow.core.schedule.@Nullable PayFlowScheduler running;

  /**
   * @param payFlow the payflow whose work to run
   * @param config the intervals
   */
  public PayFlowScheduler(PayFlow payFlow, SchedulerConfig config) {
    this.payFlow = payFlow;
    this.config = config;
  }

  /**
   * @param payFlow the payflow whose work to run
   * @param expiryInterval {@code payflow.expiry.interval}
   * @param reconcileInterval {@code payflow.reconcile.interval}
   * @param sweepInterval {@code payflow.effects.sweep-interval}
   * @throws PayFlowConfigurationException naming each property whose interval is not positive
   */
  public PayFlowScheduler(
      PayFlow payFlow,
      Duration expiryInterval,
      Duration reconcileInterval,
      Duration sweepInterval) {
    this(payFlow, config(expiryInterval, reconcileInterval, sweepInterval));
  }

  static SchedulerConfig config(
      Duration expiryInterval, Duration reconcileInterval, Duration sweepInterval) {
    try {
      return SchedulerConfig.builder()
          .expiryInterval(expiryInterval)
          .reconcileInterval(reconcileInterval)
          .effectSweepInterval(sweepInterval)
          .build();
    } catch (ConfigurationException e) {
      Map<String, String> problems = new LinkedHashMap<>();
      for (ConfigurationException.Problem p : e.problems()) {
        problems.merge(
            PROPERTY_OF_SETTING.getOrDefault(p.setting(), "payflow.scheduling." + p.setting()),
            p.problem(),
            (a, b) -> a + "; " + b);
      }
      PayFlowConfigurationException translated = PayFlowConfigurationException.of(problems);
      translated.initCause(e);
      throw translated;
    }
  }

  /** The intervals it runs with. */
  public SchedulerConfig config() {
    return config;
  }

  @Override
  public synchronized void start() {
    if (running == null) {
      running = io.payflow.core.schedule.PayFlowScheduler.start(payFlow, config);
    }
  }

  @Override
  public synchronized void stop() {
    io.payflow.core.schedule.PayFlowScheduler scheduler = running;
    running = null;
    if (scheduler != null) {
      scheduler.close();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running != null;
  }
}
