package io.payflow.spring.autoconfigure;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** payflow's health on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
final class PayFlowBoot3HealthIndicator implements HealthIndicator {

  private final PayFlowHealthProbe probe;

  PayFlowBoot3HealthIndicator(PayFlowHealthProbe probe) {
    this.probe = probe;
  }

  @Override
  public Health health() {
    PayFlowHealthProbe.Result result = probe.check();
    Throwable error = result.error();
    Health.Builder builder =
        result.up() ? Health.up() : error != null ? Health.down(error) : Health.down();
    return builder.withDetails(result.details()).build();
  }
}
