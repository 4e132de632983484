package io.payflow.core.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Generated histories: interleavings of orders, payments, duplicated, reordered, lost and late
 * results, cancellations, expiry, reconciliation, concurrent partial refunds, sweeps, crashes and
 * SPI faults, run by {@value #INSTANCES} {@code PayFlow} instances sharing one store, each lane on
 * its own thread; then the shop settles and every invariant is checked. A failure shrinks to a
 * short history that jqwik prints.
 *
 * <p>{@value #TRIES_PROPERTY} sets how many histories (default {@value #DEFAULT_TRIES}; the {@code
 * soak} Maven profile runs 50,000). Extend it with the store and inventory under test.
 */
public abstract class LifecycleHistoryContract extends FaultHarness {

  public static final int INSTANCES = 4;
  public static final String TRIES_PROPERTY = "payflow.histories";
  public static final int DEFAULT_TRIES = 2000;

  private static final AtomicInteger histories = new AtomicInteger();
  private static final AtomicInteger violated = new AtomicInteger();
  private static final AtomicInteger faults = new AtomicInteger();
  private static final AtomicInteger crashes = new AtomicInteger();

  @Property(seed = "")
  @AddLifecycleHook(TriesFromSystemProperty.class)
  void everyInvariantHoldsAfterAnyHistoryOnFourInstances(
      @ForAll("histories") List<HistoryAction> history) throws InterruptedException {
    List<String> violations = run(this, history);
    histories.incrementAndGet();
    if (!violations.isEmpty()) {
      violated.incrementAndGet();
    }
    assertThat(violations).isEmpty();
  }

  /** Runs one history in a new world of this harness, settles it, and returns its violations. */
  static List<String> run(FaultHarness harness, List<HistoryAction> history)
      throws InterruptedException {
    try (FaultWorld w = harness.world(INSTANCES, b -> b)) {
      runConcurrently(w, history);
      boolean settled = w.settle();
      List<String> violations = new ArrayList<>(InvariantChecker.check(w));
      if (!settled) {
        violations.add("the shop did not settle");
      }
      faults.addAndGet(w.faults.fired().size());
      crashes.addAndGet(w.crashes());
      if (!violations.isEmpty()) {
        violations.add("(faults fired: " + w.faults.fired() + ")");
      }
      return violations;
    }
  }

  /** Each lane's actions in order on its own thread, all lanes at once. */
  private static void runConcurrently(FaultWorld w, List<HistoryAction> history)
      throws InterruptedException {
    List<List<HistoryAction>> lanes = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      lanes.add(new ArrayList<>());
    }
    history.forEach(a -> lanes.get(a.lane()).add(a));
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> broken = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (List<HistoryAction> lane : lanes) {
      if (lane.isEmpty()) {
        continue;
      }
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (HistoryAction a : lane) {
                    a.run(w);
                  }
                } catch (Throwable e) {
                  broken.compareAndSet(null, e);
                }
              });
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
      if (t.isAlive()) {
        w.note("a lane did not finish within 30 s");
      }
    }
    if (broken.get() != null) {
      w.note("a lane broke: " + broken.get());
    }
    w.awaitEffects();
  }

  @Provide
  Arbitrary<List<HistoryAction>> histories() {
    return arbitraryHistory();
  }

  /** Short histories of every kind of action, lanes mixed. */
  static Arbitrary<List<HistoryAction>> arbitraryHistory() {
    Arbitrary<Integer> lane = Arbitraries.integers().between(0, INSTANCES - 1);
    Arbitrary<Integer> order = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> callback = Arbitraries.integers().between(0, 3);
    Arbitrary<HistoryAction> action =
        Arbitraries.frequencyOf(
            Tuple.of(
                5,
                Combinators.combine(
                        lane, Arbitraries.integers().between(1, 4), Arbitraries.of(5, 30, 120))
                    .as(HistoryAction.Create::new)),
            Tuple.of(5, Combinators.combine(lane, order).as(HistoryAction.Pay::new)),
            Tuple.of(
                5,
                Combinators.combine(lane, order, Arbitraries.of(HistoryAction.Payer.How.class))
                    .as(HistoryAction.Payer::new)),
            Tuple.of(
                5,
                Combinators.combine(lane, callback, Arbitraries.of(false, false, true))
                    .as(HistoryAction.Deliver::new)),
            Tuple.of(1, Combinators.combine(lane, callback).as(HistoryAction.Lose::new)),
            Tuple.of(2, Combinators.combine(lane, order).as(HistoryAction.Cancel::new)),
            Tuple.of(
                3,
                Combinators.combine(lane, order, Arbitraries.of(300L, 500L, 1000L, 2500L))
                    .as(HistoryAction.Refund::new)),
            Tuple.of(
                3,
                Combinators.combine(lane, Arbitraries.of(1, 3, 6, 31))
                    .as(HistoryAction.Advance::new)),
            Tuple.of(
                4,
                Combinators.combine(lane, Arbitraries.of(HistoryAction.Sweep.Kind.class))
                    .as(HistoryAction.Sweep::new)),
            Tuple.of(1, lane.map(HistoryAction.SettleRefunds::new)),
            Tuple.of(1, Combinators.combine(lane, lane).as(HistoryAction.Crash::new)),
            Tuple.of(
                4,
                Combinators.combine(
                        lane,
                        Arbitraries.of(Boundary.class),
                        Arbitraries.of(FaultKind.class),
                        Arbitraries.of(true, false))
                    .as(HistoryAction.Fault::new)),
            Tuple.of(1, lane.map(HistoryAction.AwaitEffects::new)));
    return action.list().ofMinSize(3).ofMaxSize(24);
  }

  static int faultsInjected() {
    return faults.get();
  }

  static int crashed() {
    return crashes.get();
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "payflow generated histories: %d on %d instances, faults injected %d, crashes %d, "
            + "with invariant violations: %d%n",
        histories.get(), INSTANCES, faults.get(), crashes.get(), violated.get());
  }

  /**
   * How many histories a subclass runs by default (a store on a real database is slower than the
   * in-memory one); {@value #TRIES_PROPERTY} still overrides it.
   */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @java.lang.annotation.Inherited
  public @interface HistoryTries {
    int value();
  }

  /** Takes the number of histories from {@value #TRIES_PROPERTY}, else {@link HistoryTries}. */
  static final class TriesFromSystemProperty implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(
        PropertyLifecycleContext context, PropertyExecutor property) {
      HistoryTries declared = context.containerClass().getAnnotation(HistoryTries.class);
      int byDefault = declared != null ? declared.value() : DEFAULT_TRIES;
      context.attributes().setTries(Integer.getInteger(TRIES_PROPERTY, byDefault));
      return property.execute();
    }
  }
}
