package io.payflow.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.PayFlow;
import io.payflow.core.error.ConfigurationException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PayFlowSchedulerTest {

  /** A PayFlow that counts the time-driven calls; the names in {@code failing} throw. */
  static final class CountingPayFlow {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch allThreeTwice = new CountDownLatch(0);

    final PayFlow payFlow =
        (PayFlow)
            Proxy.newProxyInstance(
                PayFlow.class.getClassLoader(),
                new Class<?>[] {PayFlow.class},
                (proxy, method, args) -> {
                  String name = method.getName();
                  switch (name) {
                    case "closeExpiredOrders",
                        "reconcilePayments",
                        "reconcileRefunds",
                        "runDueEffects" -> {
                      int n =
                          calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                      if (n == 2) {
                        allThreeTwice.countDown();
                      }
                      if (failing.contains(name)) {
                        throw new IllegalStateException("store down");
                      }
                      return 1;
                    }
                    case "toString" -> {
                      return "CountingPayFlow";
                    }
                    default -> throw new UnsupportedOperationException(name);
                  }
                });

    int calls(String name) {
      AtomicInteger n = calls.get(name);
      return n == null ? 0 : n.get();
    }
  }

  private final CountingPayFlow flow = new CountingPayFlow();
  private final ManualScheduledExecutor executor = new ManualScheduledExecutor();

  private static final SchedulerConfig CONFIG =
      SchedulerConfig.builder()
          .expiryInterval(Duration.ofSeconds(7))
          .reconcileInterval(Duration.ofSeconds(11))
          .effectSweepInterval(Duration.ofSeconds(3))
          .build();

  @Test
  void eachTaskRunsAtItsOwnFixedDelayStartingOneIntervalAfterTheStart() {
    PayFlowScheduler.start(flow.payFlow, CONFIG, executor);

    assertThat(executor.tasks)
        .extracting(ManualScheduledExecutor.Task::delayMillis)
        .containsExactlyInAnyOrder(7_000L, 11_000L, 11_000L, 3_000L);
    assertThat(executor.tasks).allMatch(t -> t.initialDelay == t.delay);
    assertThat(flow.calls).isEmpty();
  }

  @Test
  void eachRunCallsItsPayFlowSweep() {
    PayFlowScheduler.start(flow.payFlow, CONFIG, executor);

    executor.runDueTasks();
    executor.runDueTasks();

    assertThat(flow.calls("closeExpiredOrders")).isEqualTo(2);
    assertThat(flow.calls("reconcilePayments")).isEqualTo(2);
    assertThat(flow.calls("reconcileRefunds")).isEqualTo(2);
    assertThat(flow.calls("runDueEffects")).isEqualTo(2);
  }

  @Test
  void aFailingSweepIsLoggedAndItsNextRunStillHappens() {
    flow.failing.add("reconcilePayments");
    PayFlowScheduler.start(flow.payFlow, CONFIG, executor);

    executor.runDueTasks();
    executor.runDueTasks();
    executor.runDueTasks();

    assertThat(flow.calls("reconcilePayments")).isEqualTo(3);
    assertThat(executor.tasks).noneMatch(t -> t.cancelled);
    assertThat(flow.calls("runDueEffects")).isEqualTo(3);
  }

  @Test
  void closeCancelsTheTasksAndLeavesTheHostsExecutorRunning() {
    PayFlowScheduler scheduler = PayFlowScheduler.start(flow.payFlow, CONFIG, executor);

    scheduler.close();
    executor.runDueTasks();

    assertThat(scheduler.isRunning()).isFalse();
    assertThat(executor.tasks).allMatch(t -> t.cancelled);
    assertThat(flow.calls).isEmpty();
    assertThat(executor.shutdown).isFalse();
  }

  @Test
  void closeTwiceDoesNothingMore() {
    PayFlowScheduler scheduler = PayFlowScheduler.start(flow.payFlow, CONFIG, executor);

    scheduler.close();
    scheduler.close();

    assertThat(scheduler.isRunning()).isFalse();
  }

  @Test
  void onItsOwnExecutorEveryTaskRunsRepeatedlyAndCloseStopsIt() throws Exception {
    flow.allThreeTwice = new CountDownLatch(3);
    flow.failing.add("runDueEffects");
    SchedulerConfig fast =
        SchedulerConfig.builder()
            .expiryInterval(Duration.ofMillis(1))
            .reconcileInterval(Duration.ofMillis(1))
            .effectSweepInterval(Duration.ofMillis(1))
            .build();
    PayFlowScheduler scheduler = PayFlowScheduler.start(flow.payFlow, fast);
    try {
      assertThat(scheduler.isRunning()).isTrue();
      assertThat(flow.allThreeTwice.await(10, TimeUnit.SECONDS))
          .as("each task ran twice, the failing one too")
          .isTrue();
    } finally {
      scheduler.close();
    }

    int after = flow.calls("closeExpiredOrders");
    assertThat(scheduler.isRunning()).isFalse();
    // Its threads end: nothing runs any more.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("payflow-scheduler-")) {
        t.join(10_000);
        assertThat(t.isAlive()).as(t.getName()).isFalse();
      }
    }
    assertThat(flow.calls("closeExpiredOrders")).isEqualTo(after);
  }

  @Test
  void theDefaultsAreTheNamedConstants() {
    SchedulerConfig d = SchedulerConfig.ofDefaults();

    assertThat(d.expiryInterval()).isEqualTo(SchedulerConfig.DEFAULT_EXPIRY_INTERVAL);
    assertThat(d.reconcileInterval()).isEqualTo(SchedulerConfig.DEFAULT_RECONCILE_INTERVAL);
    assertThat(d.effectSweepInterval()).isEqualTo(SchedulerConfig.DEFAULT_EFFECT_SWEEP_INTERVAL);
    assertThat(d.shutdownGrace()).isEqualTo(SchedulerConfig.DEFAULT_SHUTDOWN_GRACE);
    assertThat(SchedulerConfig.DEFAULT_EFFECT_SWEEP_INTERVAL).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void everyBadIntervalIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                SchedulerConfig.builder()
                    .expiryInterval(Duration.ZERO)
                    .reconcileInterval(Duration.ofSeconds(-1))
                    .effectSweepInterval(null)
                    .shutdownGrace(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationException.Problem::toString)
                    .containsExactly(
                        "expiryInterval must be a positive duration, but is PT0S",
                        "reconcileInterval must be a positive duration, but is PT-1S",
                        "effectSweepInterval is required",
                        "shutdownGrace must not be negative, but is PT-1S"));
  }

  @Test
  void startRefusesNullArgumentsByName() {
    assertThatThrownBy(() -> PayFlowScheduler.start(null, CONFIG))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("payFlow");
    assertThatThrownBy(() -> PayFlowScheduler.start(flow.payFlow, CONFIG, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("executor");
  }
}
