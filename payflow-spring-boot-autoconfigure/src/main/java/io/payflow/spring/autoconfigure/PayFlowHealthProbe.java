package io.payflow.spring.autoconfigure;

import io.payflow.core.event.EffectDead;
import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.spi.OrderStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What payflow's health indicator reports, kept free of Actuator types so that one class serves the
 * health APIs of Spring Boot 3 and 4. The store is reachable when a read of it succeeds; dead
 * effects are counted since startup and reported as a detail, not as DOWN: they need a person, not
 * a restart or a load balancer taking the instance out.
 *
 * <p>This class is threadsafe.
 */
public class PayFlowHealthProbe implements PayFlowListener {

  /** A key no order number can take (numbers are [0-9A-Za-z_-]), so the read finds nothing. */
  private static final String PROBE_KEY = "payflow:health-probe";

  private final OrderStore store;
  private final AtomicLong deadEffects = new AtomicLong();

  public PayFlowHealthProbe(OrderStore store) {
    this.store = store;
  }

  @Override
  public void onEvent(PayFlowEvent event) {
    if (event instanceof EffectDead) {
      deadEffects.incrementAndGet();
    }
  }

  /** Dead effects seen by this instance since it started. */
  public long deadEffects() {
    return deadEffects.get();
  }

  /**
   * Checks the store.
   *
   * @return whether it is reachable, with details
   */
  public Result check() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", store.getClass().getSimpleName());
    details.put("deadEffects", deadEffects.get());
    try {
      store.load(PROBE_KEY);
      return new Result(true, details, null);
    } catch (RuntimeException e) {
      return new Result(false, details, e);
    }
  }

  /**
   * The outcome of {@link #check()}.
   *
   * @param up whether the store answered
   * @param details what to show
   * @param error why the store did not answer, or null
   */
  public record Result(boolean up, Map<String, Object> details, @Nullable Throwable error) {}
}
