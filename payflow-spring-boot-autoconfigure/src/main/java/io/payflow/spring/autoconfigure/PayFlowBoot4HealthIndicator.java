package io.payflow.spring.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** payflow's health on Spring Boot 4 ({@code org.springframework.boot.health.contributor}). */
final class PayFlowBoot4HealthIndicator implements HealthIndicator {

  private final PayFlowHealthProbe probe;

  PayFlowBoot4HealthIndicator(PayFlowHealthProbe probe) {
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
