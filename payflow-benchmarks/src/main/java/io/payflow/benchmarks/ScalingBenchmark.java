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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 4a: the in-memory lifecycle of benchmark 2 on one shared payflow, by one thread and by
 * two: orders per second. Two threads on two cores reach 2× only if nothing serialises them (a
 * global lock in the store would hold them at 1×).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ScalingBenchmark {

  /** One payflow that every thread shares, emptied each iteration. */
  @State(Scope.Benchmark)
  public static class Shared {
    PayFlowShop shop;

    @Setup(Level.Iteration)
    public void open() {
      shop = new PayFlowShop();
    }

    @TearDown(Level.Iteration)
    public void close() {
      shop.close();
    }
  }

  @Benchmark
  @Threads(1)
  public Order oneThread(Shared s, CpuCounters cpu) {
    cpu.start();
    return cpu.stop(s.shop.lifecycle());
  }

  @Benchmark
  @Threads(2)
  public Order twoThreads(Shared s, CpuCounters cpu) {
    cpu.start();
    return cpu.stop(s.shop.lifecycle());
  }
}
