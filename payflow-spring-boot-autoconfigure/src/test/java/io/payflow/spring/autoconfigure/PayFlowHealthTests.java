package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlow;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.spi.OrderStore;
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
  void upWhileTheStoreAnswersWithDeadEffectsAsADetail() {
    runner.run(
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
              .containsEntry("deadEffects", 0L);

          context.getBean(PayFlowHealthProbe.class).onEvent(Events.deadNotification());
          HealthReflection.Answer after = HealthReflection.health(indicator);
          assertThat(after.status()).isEqualTo("UP");
          assertThat(after.details()).containsEntry("deadEffects", 1L);
        });
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
