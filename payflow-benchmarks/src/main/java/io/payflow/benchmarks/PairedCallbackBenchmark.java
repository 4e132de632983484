package io.payflow.benchmarks;

import com.wechat.pay.java.service.payments.model.Transaction;
import io.payflow.core.PayFlow;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.wechat.WechatPayChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Benchmark 1, paired: each operation takes one callback and runs the SDK floor, {@code
 * parseCallback}, a first transition and a duplicate on it, one after the other in an order that
 * rotates, timing each by the thread's CPU time. The ratios are formed per iteration from the same
 * moments, so a machine whose load swings between iterations moves numerator and baseline alike;
 * {@link BenchmarkMain} reads them from {@value #FILE} and reports their mean with a 99.9%
 * confidence interval. The separate {@link CallbackBenchmark} gives JMH's own scores for the same
 * paths.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 12, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PairedCallbackBenchmark {

  static final String FILE = "paired-callback.txt";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Per iteration: CPU nanoseconds of floor, parse, first, duplicate. One thread. */
  @State(Scope.Thread)
  public static class Pairs {
    final long[] nanos = new long[4];
    long ops;
    final QueueingExecutor firstEffects = new QueueingExecutor();
    final QueueingExecutor duplicateEffects = new QueueingExecutor();
    PayFlow first;
    PayFlow paid;
    CallbackBenchmark.Callbacks callbacks;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
      if (!Sizes.smoke()) {
        Files.deleteIfExists(Paths.get(FILE));
      }
      callbacks = new CallbackBenchmark.Callbacks();
      callbacks.sign();
      paid = callbacks.prepaidShop(duplicateEffects);
      for (WechatCallbacks.Signed c : callbacks.batch) {
        answered(paid.handleCallback(WechatPayChannel.ID, c.request()));
      }
      duplicateEffects.drop();
    }

    @Setup(Level.Invocation)
    public void refill() {
      if (first == null || callbacks.next % callbacks.batch.length == 0) {
        if (first != null) {
          first.close();
        }
        firstEffects.drop();
        first = callbacks.prepaidShop(firstEffects);
      }
    }

    @Setup(Level.Iteration)
    public void reset() {
      java.util.Arrays.fill(nanos, 0);
      ops = 0;
    }

    @TearDown(Level.Iteration)
    public void record(IterationParams iteration) {
      if (iteration.getType() != IterationType.MEASUREMENT || ops == 0 || Sizes.smoke()) {
        return;
      }
      String line =
          String.format(
              Locale.ROOT, "%d %d %d %d %d%n", ops, nanos[0], nanos[1], nanos[2], nanos[3]);
      try {
        Files.writeString(
            Path.of(FILE),
            line,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Benchmark
  public Object paired(Pairs p) {
    WechatCallbacks.Signed c = p.callbacks.take();
    Object last = null;
    int start = (int) (p.ops % 4);
    for (int k = 0; k < 4; k++) {
      int which = (start + k) % 4;
      long t0 = THREADS.getCurrentThreadCpuTime();
      last =
          switch (which) {
            case 0 -> p.callbacks.sdk.parse(c.requestParam(), Transaction.class);
            case 1 -> p.callbacks.channel.parseCallback(c.request());
            case 2 -> answered(p.first.handleCallback(WechatPayChannel.ID, c.request()));
            default -> answered(p.paid.handleCallback(WechatPayChannel.ID, c.request()));
          };
      p.nanos[which] += THREADS.getCurrentThreadCpuTime() - t0;
    }
    p.ops++;
    return last;
  }

  private static CallbackAnswer answered(CallbackAnswer answer) {
    if (answer.status() != 204) {
      throw new IllegalStateException("callback refused: " + answer);
    }
    return answer;
  }
}
