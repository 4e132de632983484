package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payflow.core.PayFlow;
import io.payflow.core.schedule.SchedulerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PayFlowSchedulerTests {

  private final RecordingPayFlow payFlow = new RecordingPayFlow();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigs.all())
          .withBean(PayFlow.class, () -> payFlow)
          .withPropertyValues(
              "payflow.expiry.interval=10ms",
              "payflow.reconcile.interval=10ms",
              "payflow.effects.sweep-interval=10ms");

  @Test
  void expiryReconciliationAndEffectSweepsRunRepeatedlyWithoutEnableScheduling() {
    runner.run(
        context -> {
          assertThat(context).getBean(PayFlowScheduler.class).matches(PayFlowScheduler::isRunning);
          await()
              .atMost(Duration.ofSeconds(10))
              .untilAsserted(
                  () -> {
                    assertThat(payFlow.expiryRuns).hasValueGreaterThanOrEqualTo(2);
                    assertThat(payFlow.reconcileRuns).hasValueGreaterThanOrEqualTo(2);
                    assertThat(payFlow.refundReconcileRuns).hasValueGreaterThanOrEqualTo(2);
                    assertThat(payFlow.effectRuns).hasValueGreaterThanOrEqualTo(2);
                  });
        });
  }

  @Test
  void aRunThatThrowsDoesNotStopTheNextOnes() {
    payFlow.failScheduledRuns = true;
    runner.run(
        context ->
            await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(
                    () -> assertThat(payFlow.effectRuns).hasValueGreaterThanOrEqualTo(3)));
  }

  @Test
  void theSchedulerStopsWithTheContext() {
    PayFlowScheduler[] scheduler = new PayFlowScheduler[1];
    runner.run(context -> scheduler[0] = context.getBean(PayFlowScheduler.class));
    assertThat(scheduler[0].isRunning()).isFalse();
  }

  @Test
  void schedulingCanBeTurnedOff() {
    runner
        .withPropertyValues("payflow.scheduling.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(PayFlowScheduler.class));
  }

  @Test
  void itRunsTheCoresSchedulerWithTheIntervalsOfTheProperties() {
    runner
        .withPropertyValues("payflow.expiry.interval=7s", "payflow.reconcile.interval=11s")
        .run(
            context -> {
              SchedulerConfig config = context.getBean(PayFlowScheduler.class).config();
              assertThat(config.expiryInterval()).isEqualTo(Duration.ofSeconds(7));
              assertThat(config.reconcileInterval()).isEqualTo(Duration.ofSeconds(11));
              assertThat(config.effectSweepInterval()).isEqualTo(Duration.ofMillis(10));
            });
  }

  @Test
  void everyBadIntervalIsNamedByItsProperty() {
    runner
        .withPropertyValues("payflow.expiry.interval=0s", "payflow.effects.sweep-interval=-1s")
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessageContaining("payflow.expiry.interval: must be a positive duration")
                    .hasMessageContaining(
                        "payflow.effects.sweep-interval: must be a positive duration"));
  }

  @Test
  void aZeroIntervalFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues("payflow.reconcile.interval=0s")
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessageStartingWith("payflow.reconcile.interval"));
  }
}
