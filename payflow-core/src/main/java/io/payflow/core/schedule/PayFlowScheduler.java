package io.payflow.core.schedule;

import io.payflow.core.PayFlow;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs payflow's time-driven work on a {@link ScheduledExecutorService}: closing expired orders,
 * reconciling payments and refunds whose result never came, and sweeping due effects, each at its
 * own fixed delay ({@link SchedulerConfig}). Any host can start it; the Spring Boot starter starts
 * and stops it with the application context.
 *
 * <pre>{@code
 * PayFlowScheduler scheduler = PayFlowScheduler.start(payFlow, SchedulerConfig.ofDefaults());
 * // ... on shutdown, before payFlow.close():
 * scheduler.close();
 * }</pre>
 *
 * <p>Every run is safe on several application instances at once: the store claims the work. A run
 * that throws is logged and the next one happens as planned (an {@link Error} is logged and stops
 * that task). This class is threadsafe.
 */
public interface PayFlowScheduler extends AutoCloseable {

  /**
   * Starts the four tasks on an executor of its own (four daemon threads named {@code
   * payflow-scheduler-N}, so that a slow reconciliation never holds back effect retries), which
   * {@link #close()} shuts down. Each task first runs one interval after the start.
   *
   * @param payFlow the payflow whose work to run
   * @param config the intervals
   * @return the running scheduler
   */
  static PayFlowScheduler start(PayFlow payFlow, SchedulerConfig config) {
    return DefaultPayFlowScheduler.startOwned(
        Objects.requireNonNull(payFlow, "payFlow"), Objects.requireNonNull(config, "config"));
  }

  /**
   * Starts the four tasks on the host's executor, e.g. one it already runs its own jobs on. {@link
   * #close()} cancels the tasks and leaves the executor running.
   *
   * @param payFlow the payflow whose work to run
   * @param config the intervals
   * @param executor where the tasks run; its owner shuts it down
   * @return the running scheduler
   */
  static PayFlowScheduler start(
      PayFlow payFlow, SchedulerConfig config, ScheduledExecutorService executor) {
    return DefaultPayFlowScheduler.startOn(
        Objects.requireNonNull(payFlow, "payFlow"),
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Returns the intervals it runs with.
   *
   * @return the configuration
   */
  SchedulerConfig config();

  /**
   * Tells whether the tasks are scheduled.
   *
   * @return false once {@link #close()} was called
   */
  boolean isRunning();

  /**
   * Stops the tasks: no new run starts, and a run in progress may finish its transition for up to
   * {@link SchedulerConfig#shutdownGrace()} (on its own executor; the host's executor is left to
   * its owner). Calling it again does nothing.
   */
  @Override
  void close();
}
