package io.payflow.core.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fault runs: for every step of an order's life × every SPI boundary × every fault kind, walks an
 * order through that step with the fault armed on the first call at that boundary, then lets the
 * shop settle (sweeps, callback redelivery, clock moved on) and checks every invariant. A boundary
 * the step never calls runs the step fault-free, still checked.
 *
 * <p>Extend it with the store and inventory under test.
 */
public abstract class PayFlowFaultContract extends FaultHarness {

  private static final AtomicInteger runs = new AtomicInteger();
  private static final AtomicInteger reached = new AtomicInteger();
  private static final AtomicInteger violated = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> everyInvariantHoldsWhateverFaultHitsAnyStepOfTheLifecycle() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Lifecycle.Step step : Lifecycle.Step.values()) {
      for (Boundary boundary : Boundary.values()) {
        for (FaultKind kind : FaultKind.values()) {
          tests.add(
              DynamicTest.dynamicTest(
                  step + " × " + boundary + " × " + kind, () -> faultRun(step, boundary, kind)));
        }
      }
    }
    return tests.stream();
  }

  private void faultRun(Lifecycle.Step step, Boundary boundary, FaultKind kind) {
    try (FaultWorld w = world(1, b -> b)) {
      Lifecycle life = new Lifecycle(w, 0);
      life.run(step, () -> w.faults.arm(boundary, kind));
      boolean settled = w.settle();
      List<String> violations = new ArrayList<>(InvariantChecker.check(w));
      if (!settled) {
        violations.add("the shop did not settle");
      }
      runs.incrementAndGet();
      if (!w.faults.fired().isEmpty()) {
        reached.incrementAndGet();
      }
      if (!violations.isEmpty()) {
        violated.incrementAndGet();
      }
      assertThat(violations)
          .as("order %s, faults fired %s", life.orderNo(), w.faults.fired())
          .isEmpty();
    }
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "payflow fault runs: %d (fault reached its boundary in %d), with invariant violations: %d%n",
        runs.get(), reached.get(), violated.get());
  }
}
