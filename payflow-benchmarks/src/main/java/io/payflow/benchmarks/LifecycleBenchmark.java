package io.payflow.benchmarks;

import io.payflow.core.model.Order;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 2: one order's whole lifecycle (create → prepay on a fake channel → success → effects
 * done) on payflow's in-memory SPIs, side by side with the same lifecycle on Spring Statemachine 4
 * and on COLA statemachine 5. Every shop starts empty each iteration, so no run measures a bigger
 * store than another.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LifecycleBenchmark {

  /** payflow with its outbox, events and trace. */
  @State(Scope.Thread)
  public static class PayFlowState {
    PayFlowShop shop;

    @Setup(Level.Iteration)
    public void open() {
      shop = new PayFlowShop();
    }

    @TearDown(Level.Iteration)
    public void check() {
      long paid = shop.notifier.sent.sum();
      if (paid == 0) {
        throw new IllegalStateException("no order was paid: the benchmark measured nothing");
      }
      shop.close();
    }
  }

  /** Spring Statemachine, a machine per order, persisted through its persister. */
  @State(Scope.Thread)
  public static class SpringState {
    SpringStatemachineShop shop;

    @Setup(Level.Iteration)
    public void open() {
      shop = new SpringStatemachineShop();
    }
  }

  /** COLA statemachine, one stateless machine, the state in a map. */
  @State(Scope.Thread)
  public static class ColaState {
    ColaShop shop;

    @Setup(Level.Iteration)
    public void open() {
      shop = new ColaShop();
    }
  }

  @Benchmark
  public Order payflow(PayFlowState s, CpuCounters cpu) {
    cpu.start();
    return cpu.stop(s.shop.lifecycle());
  }

  @Benchmark
  public PeerShop.State springStatemachine(SpringState s, CpuCounters cpu) {
    cpu.start();
    return fulfilling(cpu.stop(s.shop.lifecycle()));
  }

  @Benchmark
  public PeerShop.State cola(ColaState s, CpuCounters cpu) {
    cpu.start();
    return fulfilling(cpu.stop(s.shop.lifecycle()));
  }

  private static PeerShop.State fulfilling(PeerShop.State state) {
    if (state != PeerShop.State.FULFILLING) {
      throw new IllegalStateException("the order ended " + state);
    }
    return state;
  }
}
