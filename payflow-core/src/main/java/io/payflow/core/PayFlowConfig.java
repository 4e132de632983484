package io.payflow.core;

import io.payflow.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * payflow's settings. Immutable; made by {@link #builder()} with the defaults named below.
 *
 * @param orderExpireAfter how long a new order stays payable (default 30 minutes, at most {@link
 *     #MAX_ORDER_EXPIRE_AFTER})
 * @param effectMaxAttempts attempts of one effect before it is parked as dead (default 8)
 * @param effectInitialBackoff wait after the first failed attempt (default 1 second)
 * @param effectMaxBackoff longest wait between attempts (default 10 minutes)
 * @param effectBackoffMultiplier growth of the wait per attempt (default 2.0)
 * @param effectLease how long a claimed effect is held by one runner before another may take it
 *     over (default 5 minutes)
 * @param reconcileQueryAfter how long a payment may wait for a callback before payflow queries the
 *     channel (default 2 minutes); a refund silent that long is queried too
 * @param prepayGrace how long after its creation a payment's prepay may still be on its way to the
 *     channel (default 10 minutes): a {@code CREATED} payment is not queried before, and a channel
 *     that answers "no such payment" within it settles nothing, so a payment is never given up
 *     while its prepay may still land
 * @param refundLatePayments whether money that arrives for an order that can no longer take it is
 *     refunded automatically (default true)
 * @param batchSize how many orders, payments or effects one sweep takes at most (default 100)
 */
public record PayFlowConfig(
    Duration orderExpireAfter,
    int effectMaxAttempts,
    Duration effectInitialBackoff,
    Duration effectMaxBackoff,
    double effectBackoffMultiplier,
    Duration effectLease,
    Duration reconcileQueryAfter,
    Duration prepayGrace,
    boolean refundLatePayments,
    int batchSize) {

  public static final Duration DEFAULT_ORDER_EXPIRE_AFTER = Duration.ofMinutes(30);
  public static final int DEFAULT_EFFECT_MAX_ATTEMPTS = 8;
  public static final Duration DEFAULT_EFFECT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_EFFECT_MAX_BACKOFF = Duration.ofMinutes(10);
  public static final double DEFAULT_EFFECT_BACKOFF_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_EFFECT_LEASE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_RECONCILE_QUERY_AFTER = Duration.ofMinutes(2);
  public static final Duration DEFAULT_PREPAY_GRACE = Duration.ofMinutes(10);

  /**
   * The longest an order may stay payable, whether configured or asked for by one request: 30 days.
   * Longer holds stock for a month on an order nobody pays, and channels cap it too (WeChat Pay's
   * {@code time_expire} has a limit of its own).
   */
  public static final Duration MAX_ORDER_EXPIRE_AFTER = Duration.ofDays(30);

  public static final int DEFAULT_BATCH_SIZE = 100;

  /**
   * Checks every setting at once.
   *
   * @throws ConfigurationException listing every setting that is out of range
   */
  public PayFlowConfig {
    List<ConfigurationException.Problem> problems = new ArrayList<>();
    requirePositive(problems, "orderExpireAfter", orderExpireAfter);
    requirePositive(problems, "effectInitialBackoff", effectInitialBackoff);
    requirePositive(problems, "effectMaxBackoff", effectMaxBackoff);
    requirePositive(problems, "effectLease", effectLease);
    requirePositive(problems, "reconcileQueryAfter", reconcileQueryAfter);
    requirePositive(problems, "prepayGrace", prepayGrace);
    if (isPositive(orderExpireAfter) && orderExpireAfter.compareTo(MAX_ORDER_EXPIRE_AFTER) > 0) {
      problems.add(
          new ConfigurationException.Problem(
              "orderExpireAfter",
              "must be at most " + MAX_ORDER_EXPIRE_AFTER + ", was " + orderExpireAfter));
    }
    if (effectMaxAttempts < 1) {
      problems.add(new ConfigurationException.Problem("effectMaxAttempts", "must be at least 1"));
    }
    if (!(effectBackoffMultiplier >= 1.0)) {
      problems.add(
          new ConfigurationException.Problem("effectBackoffMultiplier", "must be at least 1.0"));
    }
    if (isPositive(effectInitialBackoff)
        && isPositive(effectMaxBackoff)
        && effectMaxBackoff.compareTo(effectInitialBackoff) < 0) {
      problems.add(
          new ConfigurationException.Problem(
              "effectMaxBackoff", "must not be shorter than effectInitialBackoff"));
    }
    if (batchSize < 1) {
      problems.add(new ConfigurationException.Problem("batchSize", "must be at least 1"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("payflow", problems);
    }
  }

  private static boolean isPositive(@Nullable Duration value) {
    return value != null && !value.isNegative() && !value.isZero();
  }

  private static void requirePositive(
      List<ConfigurationException.Problem> problems, String name, @Nullable Duration value) {
    if (!isPositive(value)) {
      problems.add(
          new ConfigurationException.Problem(name, "must be a positive duration, was " + value));
    }
  }

  /** The defaults. */
  public static PayFlowConfig ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .orderExpireAfter(orderExpireAfter)
        .effectMaxAttempts(effectMaxAttempts)
        .effectInitialBackoff(effectInitialBackoff)
        .effectMaxBackoff(effectMaxBackoff)
        .effectBackoffMultiplier(effectBackoffMultiplier)
        .effectLease(effectLease)
        .reconcileQueryAfter(reconcileQueryAfter)
        .prepayGrace(prepayGrace)
        .refundLatePayments(refundLatePayments)
        .batchSize(batchSize);
  }

  /** Builds a {@link PayFlowConfig}; every setting starts at its default. */
  public static final class Builder {
    private Duration orderExpireAfter = DEFAULT_ORDER_EXPIRE_AFTER;
    private int effectMaxAttempts = DEFAULT_EFFECT_MAX_ATTEMPTS;
    private Duration effectInitialBackoff = DEFAULT_EFFECT_INITIAL_BACKOFF;
    private Duration effectMaxBackoff = DEFAULT_EFFECT_MAX_BACKOFF;
    private double effectBackoffMultiplier = DEFAULT_EFFECT_BACKOFF_MULTIPLIER;
    private Duration effectLease = DEFAULT_EFFECT_LEASE;
    private Duration reconcileQueryAfter = DEFAULT_RECONCILE_QUERY_AFTER;
    private Duration prepayGrace = DEFAULT_PREPAY_GRACE;
    private boolean refundLatePayments = true;
    private int batchSize = DEFAULT_BATCH_SIZE;

    private Builder() {}

    public Builder orderExpireAfter(Duration value) {
      this.orderExpireAfter = value;
      return this;
    }

    public Builder effectMaxAttempts(int value) {
      this.effectMaxAttempts = value;
      return this;
    }

    public Builder effectInitialBackoff(Duration value) {
      this.effectInitialBackoff = value;
      return this;
    }

    public Builder effectMaxBackoff(Duration value) {
      this.effectMaxBackoff = value;
      return this;
    }

    public Builder effectBackoffMultiplier(double value) {
      this.effectBackoffMultiplier = value;
      return this;
    }

    public Builder effectLease(Duration value) {
      this.effectLease = value;
      return this;
    }

    public Builder reconcileQueryAfter(Duration value) {
      this.reconcileQueryAfter = value;
      return this;
    }

    /**
     * How long after its creation a payment's prepay may still be on its way to the channel; see
     * {@link PayFlowConfig#prepayGrace()}.
     */
    public Builder prepayGrace(Duration value) {
      this.prepayGrace = value;
      return this;
    }

    public Builder refundLatePayments(boolean value) {
      this.refundLatePayments = value;
      return this;
    }

    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    public PayFlowConfig build() {
      return new PayFlowConfig(
          orderExpireAfter,
          effectMaxAttempts,
          effectInitialBackoff,
          effectMaxBackoff,
          effectBackoffMultiplier,
          effectLease,
          reconcileQueryAfter,
          prepayGrace,
          refundLatePayments,
          batchSize);
    }
  }
}
