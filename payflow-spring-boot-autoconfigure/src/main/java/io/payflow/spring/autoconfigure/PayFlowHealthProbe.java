package io.payflow.spring.autoconfigure;

import io.payflow.core.effect.EffectStatus;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What payflow's health indicator reports, kept free of Actuator types so that one class serves the
 * health APIs of Spring Boot 3 and 4. Everything is read from the store, so every instance reports
 * the same and a repaired effect stops counting: the store is reachable when its reads succeed;
 * dead effects, and payments and refunds stuck without a result for longer than {@code stuckAfter},
 * are details, not DOWN: they need a person, not a restart or a load balancer taking the instance
 * out. Each count is a bounded, index-backed read of at most {@link #COUNT_LIMIT}, so a health poll
 * stays cheap however large the store.
 *
 * <p>This class is threadsafe.
 */
public class PayFlowHealthProbe {

  /** The most dead effects, stuck payments or stuck refunds one check counts. */
  public static final int COUNT_LIMIT = 100;

  /** How long a payment or refund may await its result before it counts as stuck, by default. */
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofHours(1);

  private final OrderStore store;
  private final Clock clock;
  private final Duration stuckAfter;

  public PayFlowHealthProbe(OrderStore store, Clock clock, Duration stuckAfter) {
    if (stuckAfter.isNegative() || stuckAfter.isZero()) {
      throw new PayFlowConfigurationException(
          "management.health.payflow.stuck-after",
          "must be a positive duration, was " + stuckAfter);
    }
    this.store = store;
    this.clock = clock;
    this.stuckAfter = stuckAfter;
  }

  /**
   * Reads the store.
   *
   * @return whether it answered, with the counts as details
   */
  public Result check() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", store.getClass().getSimpleName());
    try {
      Instant stuckSince = clock.instant().minus(stuckAfter);
      details.put(
          "deadEffects", (long) store.findEffectsByStatus(EffectStatus.DEAD, COUNT_LIMIT).size());
      details.put(
          "stuckPayments", (long) store.findPaymentsAwaitingResult(stuckSince, COUNT_LIMIT).size());
      details.put(
          "stuckRefunds", (long) store.findRefundsAwaitingResult(stuckSince, COUNT_LIMIT).size());
      details.put("stuckAfter", stuckAfter.toString());
      return new Result(true, details, null);
    } catch (RuntimeException e) {
      return new Result(false, details, e);
    }
  }

  /**
   * The outcome of {@link #check()}.
   *
   * @param up whether the store answered
   * @param details what to show: the store, {@code deadEffects}, {@code stuckPayments}, {@code
   *     stuckRefunds} (each at most {@link #COUNT_LIMIT}) and {@code stuckAfter}
   * @param error why the store did not answer, or null
   */
  public record Result(boolean up, Map<String, Object> details, @Nullable Throwable error) {}
}
