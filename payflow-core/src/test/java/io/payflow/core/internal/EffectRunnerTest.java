package io.payflow.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.memory.InMemoryOrderStore;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EffectRunnerTest {

  @Test
  void backoffGrowsByTheMultiplierAndStopsAtTheMaximum() {
    PayFlowConfig config =
        PayFlowConfig.builder()
            .effectInitialBackoff(Duration.ofSeconds(1))
            .effectBackoffMultiplier(3)
            .effectMaxBackoff(Duration.ofSeconds(20))
            .build();
    EffectRunner runner =
        new EffectRunner(
            new InMemoryOrderStore(),
            Clock.systemUTC(),
            config,
            Runnable::run,
            new Listeners(),
            e -> {});

    assertThat(runner.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(runner.backoff(2)).isEqualTo(Duration.ofSeconds(3));
    assertThat(runner.backoff(3)).isEqualTo(Duration.ofSeconds(9));
    assertThat(runner.backoff(4)).isEqualTo(Duration.ofSeconds(20));
    assertThat(runner.backoff(60)).isEqualTo(Duration.ofSeconds(20));
  }
}
