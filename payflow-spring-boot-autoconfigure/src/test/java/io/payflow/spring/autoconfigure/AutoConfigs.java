package io.payflow.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurations;

/** Every payflow auto-configuration, as the imports file lists them. */
final class AutoConfigs {

  private AutoConfigs() {}

  static AutoConfigurations all() {
    return AutoConfigurations.of(
        PayFlowAutoConfiguration.class,
        PayFlowWechatAutoConfiguration.class,
        PayFlowWebMvcAutoConfiguration.class,
        PayFlowMetricsAutoConfiguration.class,
        PayFlowHealthAutoConfiguration.class,
        PayFlowEndpointAutoConfiguration.class);
  }
}
