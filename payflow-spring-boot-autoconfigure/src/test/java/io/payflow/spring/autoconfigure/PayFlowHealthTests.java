package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlow;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PayFlowHealthTests {

  private static final String INDICATOR = "payflowHealthIndicator";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigs.all())
          .withBean(PayFlow.class, RecordingPayFlow::new);

  @Test
  void upWhileTheStoreAnswersWithDeadEffectsAndStuckWorkReadFromTheStore() {
    InMemoryOrderStore store = ConsoleStore.filled();
    runner
        .withBean(OrderStore.class, () -> store)
        .withBean(Clock.class, () -> Clock.fixed(ConsoleStore.NOW, ZoneOffset.UTC))
        .withPropertyValues("management.health.payflow.stuck-after=5m")
        .run(
            context -> {
              assertThat(context).hasBean(INDICATOR);
              Object indicator = context.getBean(INDICATOR);
              // The indicator must implement this Boot line's API, or Actuator ignores it.
              assertThat(indicator.getClass().getInterfaces()[0].getName())
                  .isIn(
                      "org.springframework.boot.actuate.health.HealthIndicator",
                      "org.springframework.boot.health.contributor.HealthIndicator");
              assertThat(Class.forName(indicator.getClass().getInterfaces()[0].getName()))
                  .isAssignableFrom(indicator.getClass());

              HealthReflection.Answer before = HealthReflection.health(indicator);
              assertThat(before.status()).isEqualTo("UP");
              assertThat(before.details())
                  .containsEntry("store", "InMemoryOrderStore")
                  .containsEntry("deadEffects", 1L)
                  // the payment waited 10 minutes, the refund 30 seconds
                  .containsEntry("stuckPayments", 1L)
                  .containsEntry("stuckRefunds", 0L)
                  .containsEntry("stuckAfter", "PT5M");

              // Repaired in the store (by any instance): the count goes down, as it never did
              // when it was counted by this JVM since start-up.
              store.reviveEffect(ConsoleStore.DEAD_EFFECT, ConsoleStore.NOW);
              HealthReflection.Answer after = HealthReflection.health(indicator);
              assertThat(after.status()).isEqualTo("UP");
              assertThat(after.details()).containsEntry("deadEffects", 0L);
            });
  }

  @Test
  void workCountsAsStuckAfterAnHourByDefault() {
    runner
        .withBean(OrderStore.class, ConsoleStore::filled)
        .withBean(Clock.class, () -> Clock.fixed(ConsoleStore.NOW, ZoneOffset.UTC))
        .run(
            context -> {
              HealthReflection.Answer answer = HealthReflection.health(context.getBean(INDICATOR));
              assertThat(answer.details())
                  .containsEntry("stuckPayments", 0L)
                  .containsEntry("stuckAfter", "PT1H");
            });
  }

  @Test
  void aStuckAfterThatIsNotPositiveIsRefusedByName() {
    runner
        .withPropertyValues("management.health.payflow.stuck-after=0s")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("management.health.payflow.stuck-after"));
  }

  @Test
  void downWhenTheStoreCannotBeRead() {
    runner
        .withBean(
            OrderStore.class,
            () ->
                Proxies.failing(
                    OrderStore.class, () -> new IllegalStateException("connection refused")))
        .run(
            context -> {
              HealthReflection.Answer answer = HealthReflection.health(context.getBean(INDICATOR));
              assertThat(answer.status()).isEqualTo("DOWN");
              assertThat(answer.details()).containsKey("error");
            });
  }

  @Test
  void canBeTurnedOffLikeBootsOwnIndicators() {
    runner
        .withPropertyValues("management.health.payflow.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(INDICATOR));
  }

  @Test
  void withoutActuatorEverythingElseWorks() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigs.all())
        .withBean(PaymentChannel.class, () -> new StubChannel("stub"))
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.boot.actuate", "org.springframework.boot.health"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(INDICATOR);
              assertThat(context)
                  .hasSingleBean(PayFlow.class)
                  .hasSingleBean(PayFlowScheduler.class);
            });
  }
}
