package io.payflow.core.schedule;

import io.payflow.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How often {@link PayFlowScheduler} runs each kind of time-driven work. Each task waits its
 * interval after the end of its previous run (a fixed delay, never overlapping runs of itself).
 *
 * @param expiryInterval how often expired unpaid orders are looked for and closed ({@code
 *     PayFlow#closeExpiredOrders})
 * @param reconcileInterval how often payments and refunds waiting too long for their result are
 *     queried at the channel ({@code PayFlow#reconcilePayments}, {@code PayFlow#reconcileRefunds})
 * @param effectSweepInterval how often due effects (retries, and ones left behind by a crash) are
 *     run ({@code PayFlow#runDueEffects})
 * @param shutdownGrace how long {@link PayFlowScheduler#close()} lets a run in progress finish its
 *     transition before interrupting it
 */
public record SchedulerConfig(
    Duration expiryInterval,
    Duration reconcileInterval,
    Duration effectSweepInterval,
    Duration shutdownGrace) {

  public static final Duration DEFAULT_EXPIRY_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_EFFECT_SWEEP_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /**
   * Checks the intervals; use {@link #builder()} to get every problem at once.
   *
   * @throws ConfigurationException if an interval is missing or not positive
   */
  public SchedulerConfig {
    List<ConfigurationException.Problem> problems = new ArrayList<>();
    requirePositive(problems, "expiryInterval", expiryInterval);
    requirePositive(problems, "reconcileInterval", reconcileInterval);
    requirePositive(problems, "effectSweepInterval", effectSweepInterval);
    if (shutdownGrace == null) {
      problems.add(new ConfigurationException.Problem("shutdownGrace", "is required"));
    } else if (shutdownGrace.isNegative()) {
      problems.add(
          new ConfigurationException.Problem(
              "shutdownGrace", "must not be negative, but is " + shutdownGrace));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("payflow scheduler", problems);
    }
  }

  private static void requirePositive(
      List<ConfigurationException.Problem> problems, String setting, @Nullable Duration value) {
    if (value == null) {
      problems.add(new ConfigurationException.Problem(setting, "is required"));
    } else if (value.isZero() || value.isNegative()) {
      problems.add(
          new ConfigurationException.Problem(
              setting, "must be a positive duration, but is " + value));
    }
  }

  /**
   * The defaults: expiry and reconciliation every 30 s, effect sweeps every 10 s.
   *
   * @return the default configuration
   */
  public static SchedulerConfig ofDefaults() {
    return builder().build();
  }

  /**
   * A builder with every setting at its {@code DEFAULT_…} value.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SchedulerConfig}. Not threadsafe; build on one thread. */
  public static final class Builder {
    private @Nullable Duration expiryInterval = DEFAULT_EXPIRY_INTERVAL;
    private @Nullable Duration reconcileInterval = DEFAULT_RECONCILE_INTERVAL;
    private @Nullable Duration effectSweepInterval = DEFAULT_EFFECT_SWEEP_INTERVAL;
    private @Nullable Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

    private Builder() {}

    /**
     * Sets how often expired orders are closed.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder expiryInterval(Duration interval) {
      this.expiryInterval = interval;
      return this;
    }

    /**
     * Sets how often silent payments are reconciled.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder reconcileInterval(Duration interval) {
      this.reconcileInterval = interval;
      return this;
    }

    /**
     * Sets how often due effects are swept up.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder effectSweepInterval(Duration interval) {
      this.effectSweepInterval = interval;
      return this;
    }

    /**
     * Sets how long closing waits for a run in progress.
     *
     * @param grace zero or more
     * @return this builder
     */
    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = grace;
      return this;
    }

    /**
     * Checks every setting.
     *
     * @return the configuration
     * @throws ConfigurationException listing every problem, each naming its setting
     */
    public SchedulerConfig build() {
      return new SchedulerConfig(
          expiryInterval, reconcileInterval, effectSweepInterval, shutdownGrace);
    }
  }
}
