package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A missing setting is refused by name, never with a NullPointerException. */
class PayFlowConfigLimitsTest {

  @Test
  void missingMaximumBackoffIsRefusedByName() {
    assertThatThrownBy(() -> PayFlowConfig.builder().effectMaxBackoff(null).build())
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.field())
                    .isEqualTo("effectMaxBackoff"));
  }
}
