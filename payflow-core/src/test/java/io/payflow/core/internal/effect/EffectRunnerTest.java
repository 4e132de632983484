package io.payflow.core.internal.effect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.event.EffectDead;
import io.payflow.core.event.EffectFailed;
import io.payflow.core.internal.flow.Listeners;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.testing.MutableClock;
import io.payflow.core.testing.RecordingListener;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectRunnerTest {

  private static final Instant START = Instant.parse("2026-11-24T10:30:00Z");
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final OrderStore store = new InMemoryOrderStore();
  private final MutableClock clock = new MutableClock(START);
  private final RecordingListener events = new RecordingListener();

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
            e -> List.of());

    assertThat(runner.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(runner.backoff(2)).isEqualTo(Duration.ofSeconds(3));
    assertThat(runner.backoff(3)).isEqualTo(Duration.ofSeconds(9));
    assertThat(runner.backoff(4)).isEqualTo(Duration.ofSeconds(20));
    assertThat(runner.backoff(60)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void handlerThrowingAnErrorCountsAsAFailedAttemptAndEndsDead() {
    // given a handler that throws an Error (not an Exception) every time, and 2 attempts
    insertEffect("E-1");
    EffectRunner runner =
        runner(
            2,
            e -> {
              throw new NoClassDefFoundError("com/example/SmsClient");
            });

    // when it runs twice
    runner.runDue();
    Effect afterFirst = only();
    clock.advance(Duration.ofHours(1));
    runner.runDue();

    // then each run is an attempt, and the last one parks it as dead with its event
    assertThat(afterFirst.status()).isEqualTo(EffectStatus.PENDING);
    assertThat(afterFirst.attempts()).isEqualTo(1);
    assertThat(afterFirst.lastError()).startsWith("NoClassDefFoundError");
    assertThat(events.of(EffectFailed.class)).hasSize(1);
    assertThat(only().status()).isEqualTo(EffectStatus.DEAD);
    assertThat(only().attempts()).isEqualTo(2);
    assertThat(events.of(EffectDead.class)).hasSize(1);
  }

  @Test
  void virtualMachineErrorIsRecordedAsAnAttemptAndRethrown() {
    // given
    insertEffect("E-1");
    EffectRunner runner =
        runner(
            8,
            e -> {
              throw new StackOverflowError("deep");
            });

    // when / then the JVM's own trouble is not swallowed
    assertThatThrownBy(runner::runDue).isInstanceOf(StackOverflowError.class);

    // and the attempt was recorded first, so the effect still moves towards DEAD
    assertThat(only().status()).isEqualTo(EffectStatus.PENDING);
    assertThat(only().attempts()).isEqualTo(1);
    assertThat(only().lastError()).startsWith("StackOverflowError");
  }

  @Test
  void runnerWhoseLeaseEndedAndWasReclaimedPublishesNoFailureAndChangesNothing() {
    // given a handler so slow that its lease ends and another runner claims the effect meanwhile
    insertEffect("E-1");
    EffectRunner runner =
        runner(
            8,
            e -> {
              clock.advance(LEASE.plusSeconds(1));
              assertThat(store.claimDueEffects(clock.instant(), clock.instant().plus(LEASE), 10))
                  .hasSize(1);
              throw new IOException("SMS gateway timeout");
            });

    // when
    runner.runDue();

    // then the stale runner's failure is not recorded or announced: the new owner decides
    assertThat(events.of(EffectFailed.class)).isEmpty();
    assertThat(events.of(EffectDead.class)).isEmpty();
    assertThat(only().status()).isEqualTo(EffectStatus.RUNNING);
    assertThat(only().attempts()).isZero();
  }

  @Test
  void runnerWhoseLeaseEndedCannotMarkTheEffectDone() {
    // given a handler that succeeds, but only after its lease ended
    insertEffect("E-1");
    EffectRunner runner =
        runner(
            8,
            e -> {
              clock.advance(LEASE);
              return List.of();
            });

    // when
    runner.runDue();

    // then the effect is not DONE: it is claimable again, and runs again under a new claim
    assertThat(only().status()).isEqualTo(EffectStatus.RUNNING);
    assertThat(store.claimDueEffects(clock.instant(), clock.instant().plus(LEASE), 10)).hasSize(1);
  }

  private EffectRunner runner(int maxAttempts, EffectRunner.Handler handler) {
    PayFlowConfig config =
        PayFlowConfig.builder().effectMaxAttempts(maxAttempts).effectLease(LEASE).build();
    Listeners listeners = new Listeners();
    listeners.add(events);
    return new EffectRunner(store, clock, config, Runnable::run, listeners, handler);
  }

  private void insertEffect(String id) {
    Order order =
        new Order(
            "ORD-1",
            "user-1",
            List.of(new OrderLine("SKU-1", 1, 100)),
            100,
            "coffee",
            OrderStatus.PAID,
            1,
            START,
            START.plusSeconds(1800),
            START,
            null,
            0,
            null,
            null);
    Effect effect =
        new Effect(
            id,
            "ORD-1",
            EffectType.NOTIFY,
            "sms",
            Map.of(),
            EffectStatus.PENDING,
            0,
            START,
            null,
            START,
            START);
    store.insert(new OrderRecord(order, List.of(), List.of()), List.of(effect), List.of());
  }

  private Effect only() {
    List<Effect> effects = store.findEffects("ORD-1");
    assertThat(effects).hasSize(1);
    return effects.get(0);
  }
}
