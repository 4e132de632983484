package io.payflow.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU time the benchmark thread spent inside the measured calls, beside JMH's wall-clock score.
 * On a machine shared with other work, wall-clock time counts the waits for a core; the thread's
 * CPU time does not, so ratios of CPU time per call stay readable when the machine is loaded. It
 * leaves out work done on other threads (GC, JIT). Both counters are reported per second of the
 * iteration, so {@code cpuNanos / calls} is the CPU time per call. One per benchmark thread, so not
 * shared.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuCounters {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU nanoseconds spent in measured calls this iteration. */
  public long cpuNanos;

  /** Measured calls this iteration. */
  public long calls;

  private long startedAt;

  @Setup(Level.Iteration)
  public void reset() {
    cpuNanos = 0;
    calls = 0;
  }

  /** Just before the measured call. */
  void start() {
    startedAt = THREADS.getCurrentThreadCpuTime();
  }

  /** Just after it; returns its result so a benchmark can hand it to JMH. */
  <T> T stop(T result) {
    cpuNanos += THREADS.getCurrentThreadCpuTime() - startedAt;
    calls++;
    return result;
  }
}
