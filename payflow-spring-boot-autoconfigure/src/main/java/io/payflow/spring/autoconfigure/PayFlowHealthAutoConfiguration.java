package io.payflow.spring.autoconfigure;

import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * payflow's Actuator health indicator ({@code payflow} in {@code /actuator/health}): the store is
 * reachable, and how many effects died and how many payments and refunds are stuck, read from the
 * store ({@code management.health.payflow.stuck-after}, default 1h). Boot 4 moved the health API
 * from {@code org.springframework.boot.actuate.health} to {@code
 * org.springframework.boot.health.contributor}; one nested configuration per line, each guarded by
 * a class name, keeps one artifact for both. Turned off with {@code
 * management.health.payflow.enabled=false}, as Boot's own indicators.
 */
@AutoConfiguration(after = PayFlowAutoConfiguration.class)
@ConditionalOnBean(OrderStore.class)
@ConditionalOnProperty(
    prefix = "management.health.payflow",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class PayFlowHealthAutoConfiguration {

  static final String INDICATOR_BEAN = "payflowHealthIndicator";

  static final String STUCK_AFTER = "management.health.payflow.stuck-after";

  static PayFlowHealthProbe probe(OrderStore store, Clock clock, Environment env) {
    Duration stuckAfter =
        Binder.get(env)
            .bind(STUCK_AFTER, Duration.class)
            .orElse(PayFlowHealthProbe.DEFAULT_STUCK_AFTER);
    return new PayFlowHealthProbe(store, clock, stuckAfter);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4Health {

    @Bean
    @ConditionalOnMissingBean
    PayFlowHealthProbe payflowHealthProbe(OrderStore store, Clock clock, Environment env) {
      return probe(store, clock, env);
    }

    @Bean(INDICATOR_BEAN)
    @ConditionalOnMissingBean(name = INDICATOR_BEAN)
    PayFlowBoot4HealthIndicator payflowHealthIndicator(PayFlowHealthProbe probe) {
      return new PayFlowBoot4HealthIndicator(probe);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot3Health {

    @Bean
    @ConditionalOnMissingBean
    PayFlowHealthProbe payflowHealthProbe(OrderStore store, Clock clock, Environment env) {
      return probe(store, clock, env);
    }

    @Bean(INDICATOR_BEAN)
    @ConditionalOnMissingBean(name = INDICATOR_BEAN)
    PayFlowBoot3HealthIndicator payflowHealthIndicator(PayFlowHealthProbe probe) {
      return new PayFlowBoot3HealthIndicator(probe);
    }
  }
}
