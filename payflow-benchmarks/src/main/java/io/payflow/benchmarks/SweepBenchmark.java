package io.payflow.benchmarks;

import io.payflow.core.PayFlow;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.OrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 5: what one sweep costs when {@value #DUE} items are due, with 1,000 and with 100,000
 * orders stored. The stored orders are the history of a shop: 90% completed (paid, fulfilled,
 * effects done), 10% in flight but not yet due. Before each sweep the setup makes the {@value #DUE}
 * due items afresh, an hour in the past, so the sweep always finds exactly them; the clock never
 * moves, so nothing else ever becomes due. An index-backed store costs the batch, not the store.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class SweepBenchmark {

  static final int DUE = 10;

  /** A store holding {@code stored} orders and two payflows on it. */
  @State(Scope.Thread)
  public abstract static class Stored {
    @Param({"1000", "100000"})
    public int stored;

    final MutableClock clock = new MutableClock(Fixtures.START);
    final FakeChannel channel = new FakeChannel("fake", clock, null);
    final QueueingExecutor queued = new QueueingExecutor();
    OrderStore store;

    /** Effects queued, never run: what a sweep's transitions owe is recorded, not done. */
    PayFlow sweeper;

    /** Effects run inline: for the effects sweep, and to make the completed history. */
    PayFlow inline;

    /** Effects queued, no notifier: a paid order owes exactly two (confirm stock, fulfilment). */
    PayFlow owing;

    @Setup(Level.Trial)
    public void fill() {
      store = new InMemoryOrderStore();
      sweeper =
          Fixtures.flow(clock, store, channel, queued, new SequenceNumbers("SQ"))
              .notifier(new Fixtures.CountingNotifier())
              .build();
      inline =
          Fixtures.flow(clock, store, channel, new DirectExecutor(), new SequenceNumbers("SI"))
              .notifier(new Fixtures.CountingNotifier())
              .build();
      owing = Fixtures.flow(clock, store, channel, queued, new SequenceNumbers("SO")).build();
      int inFlight = stored / 10;
      for (int i = 0; i < stored - inFlight; i++) {
        Order order = inline.createOrder(Fixtures.ORDER);
        PaymentStart start = start(inline, order);
        inline.handlePaymentResult(
            Fixtures.succeeded(channel.id(), start.payment().paymentNo(), clock.instant()));
      }
      for (int i = 0; i < inFlight; i++) {
        start(inline, inline.createOrder(Fixtures.ORDER));
      }
    }

    PaymentStart start(PayFlow flow, Order order) {
      return flow.startPayment(
          new StartPaymentRequest(order.orderNo(), channel.id(), TradeType.NATIVE, null, null));
    }

    /** Runs {@code work} an hour ago, then puts the clock back: what it made is now overdue. */
    void anHourAgo(Runnable work) {
      Instant now = clock.instant();
      clock.set(now.minus(Duration.ofHours(1)));
      try {
        work.run();
      } finally {
        clock.set(now);
      }
    }

    @TearDown(Level.Invocation)
    public void forgetQueued() {
      queued.drop();
    }

    @TearDown(Level.Trial)
    public void close() {
      sweeper.close();
      inline.close();
      owing.close();
    }
  }

  /** Expiry: {@value #DUE} unpaid orders past their expiry. */
  public static class Expiring extends Stored {
    @Setup(Level.Invocation)
    public void makeDue() {
      anHourAgo(
          () -> {
            for (int i = 0; i < DUE; i++) {
              sweeper.createOrder(Fixtures.ORDER);
            }
          });
    }
  }

  /** Reconciliation: {@value #DUE} prepaid payments silent for an hour; the query says paid. */
  public static class Silent extends Stored {
    @Setup(Level.Invocation)
    public void makeDue() {
      anHourAgo(
          () -> {
            for (int i = 0; i < DUE; i++) {
              start(sweeper, sweeper.createOrder(Fixtures.ORDER));
            }
          });
    }
  }

  /** Effects: {@value #DUE} effects owed and not run (five paid orders, two effects each). */
  public static class Owing extends Stored {
    @Setup(Level.Invocation)
    public void makeDue() {
      anHourAgo(
          () -> {
            for (int i = 0; i < DUE / 2; i++) {
              PaymentStart start = start(owing, owing.createOrder(Fixtures.ORDER));
              owing.handlePaymentResult(
                  Fixtures.succeeded(channel.id(), start.payment().paymentNo(), clock.instant()));
            }
          });
      queued.drop();
    }
  }

  @Benchmark
  public int closeExpiredOrders(Expiring s, CpuCounters cpu) {
    cpu.start();
    return exactly(cpu.stop(s.sweeper.closeExpiredOrders()), "closeExpiredOrders");
  }

  @Benchmark
  public int reconcilePayments(Silent s, CpuCounters cpu) {
    cpu.start();
    return exactly(cpu.stop(s.sweeper.reconcilePayments()), "reconcilePayments");
  }

  @Benchmark
  public int runDueEffects(Owing s, CpuCounters cpu) {
    cpu.start();
    return exactly(cpu.stop(s.inline.runDueEffects()), "runDueEffects");
  }

  private static int exactly(int handled, String sweep) {
    if (handled != DUE) {
      throw new IllegalStateException(sweep + " handled " + handled + ", expected " + DUE);
    }
    return handled;
  }
}
