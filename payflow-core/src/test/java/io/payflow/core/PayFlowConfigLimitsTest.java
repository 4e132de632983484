package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

/** A missing setting is refused by name, never with a NullPointerException. */
class PayFlowConfigLimitsTest {

  @Test
  void missingMaximumBackoffIsRefusedByName() {
    assertThatThrownBy(() -> PayFlowConfig.builder().effectMaxBackoff(null).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationException.Problem::setting)
                    .containsExactly("effectMaxBackoff"));
  }

  @Test
  void everyProblemIsInTheMessageSeparatedBySemicolons() {
    assertThatThrownBy(() -> PayFlowConfig.builder().effectMaxAttempts(0).batchSize(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("effectMaxAttempts")
        .hasMessageContaining("; ")
        .hasMessageContaining("batchSize");
  }

  @Test
  void aConfigurationExceptionNeedsAProblem() {
    assertThatThrownBy(() -> new ConfigurationException("payflow", java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
