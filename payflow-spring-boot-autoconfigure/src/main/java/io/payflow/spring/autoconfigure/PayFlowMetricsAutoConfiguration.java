package io.payflow.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Counts payflow's transitions, dead effects and rejected callbacks in Micrometer when a {@link
 * MeterRegistry} bean exists. Ordered by name after the meter registry auto-configurations of both
 * Boot lines, which live in different packages (Boot 4 moved them to {@code
 * org.springframework.boot.micrometer.metrics.autoconfigure}); a name that is absent is ignored.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
public class PayFlowMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PayFlowMetrics payflowMetrics(MeterRegistry registry) {
    return new PayFlowMetrics(registry);
  }
}
