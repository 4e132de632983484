package io.payflow.benchmarks;

import io.payflow.core.OrderDetails;
import io.payflow.core.PayFlow;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.effect.EffectType;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.WechatPayChannel;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * Benchmark 4b: success callbacks for {@value #ORDERS} orders, each delivered over and over (as
 * WeChat Pay retries), by 16 threads at once, against the same by one thread. Every callback is
 * verified and decrypted for real. Callbacks go to the orders in turn, so after the first 1,000 of
 * an iteration every one is a duplicate. The iteration's teardown checks that every order that got
 * one made exactly one transition to PAID and owes its stock confirmation exactly once: the run
 * fails otherwise. {@code DuplicateStormTest} checks the same with every order hit 16 times.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DuplicateStormBenchmark {

  static final int ORDERS = 1_000;

  static int orders() {
    return Sizes.of(ORDERS, 20);
  }

  static final String PREFIX = "DS";

  /** The callbacks, signed once per fork, and a payflow with their orders, made every iteration. */
  @State(Scope.Benchmark)
  public static class Storm {
    WechatPayChannel channel;
    WechatCallbacks.Signed[] callbacks;
    final AtomicLong next = new AtomicLong();
    final QueueingExecutor effects = new QueueingExecutor();
    final Map<String, AtomicInteger> paidTransitions = new ConcurrentHashMap<>();
    PayFlow flow;

    @Setup(Level.Trial)
    public void sign() {
      WechatCallbacks wechat = new WechatCallbacks();
      channel = wechat.channel(Clock.fixed(Fixtures.START.plusSeconds(1), ZoneOffset.UTC));
      callbacks = new WechatCallbacks.Signed[orders()];
      for (int i = 0; i < orders(); i++) {
        callbacks[i] =
            wechat.paymentSucceeded(
                SequenceNumbers.paymentNo(PREFIX, i), Fixtures.PRICE, Fixtures.START);
      }
    }

    @Setup(Level.Iteration)
    public void open() {
      MutableClock clock = MutableClock.ticking(Fixtures.START);
      paidTransitions.clear();
      flow =
          Fixtures.flow(
                  clock,
                  new InMemoryOrderStore(),
                  new FakeChannel(WechatPayChannel.ID, clock, channel),
                  effects,
                  new SequenceNumbers(PREFIX))
              .listener(
                  e -> {
                    if (e instanceof OrderStatusChanged changed
                        && changed.to() == OrderStatus.PAID) {
                      paidTransitions
                          .computeIfAbsent(changed.order().orderNo(), k -> new AtomicInteger())
                          .incrementAndGet();
                    }
                  })
              .build();
      for (int i = 0; i < orders(); i++) {
        Order order = flow.createOrder(Fixtures.ORDER);
        flow.startPayment(
            new StartPaymentRequest(
                order.orderNo(), WechatPayChannel.ID, TradeType.NATIVE, null, null));
      }
      effects.drop();
      next.set(0);
    }

    /**
     * Fails the run unless every order that got a callback moved to PAID exactly once and owes its
     * stock confirmation exactly once, and every other order did not move.
     */
    @TearDown(Level.Iteration)
    public void exactlyOnce() {
      long delivered = Math.min(next.get(), orders());
      for (int i = 0; i < orders(); i++) {
        String orderNo = SequenceNumbers.orderNo(PREFIX, i);
        int expected = i < delivered ? 1 : 0;
        AtomicInteger count = paidTransitions.get(orderNo);
        int transitions = count == null ? 0 : count.get();
        OrderDetails details = flow.find(orderNo).orElseThrow();
        long confirms =
            details.effects().stream().filter(e -> e.type() == EffectType.CONFIRM_STOCK).count();
        OrderStatus status = details.order().status();
        if (transitions != expected
            || confirms != expected
            || status != (expected == 1 ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT)) {
          throw new IllegalStateException(
              "order "
                  + orderNo
                  + " moved to PAID "
                  + transitions
                  + " times, is "
                  + status
                  + " and owes "
                  + confirms
                  + " stock confirmations; expected "
                  + expected);
        }
      }
      effects.drop();
      flow.close();
    }

    CallbackAnswer deliverNext() {
      int i = (int) (next.getAndIncrement() % orders());
      CallbackAnswer answer = flow.handleCallback(WechatPayChannel.ID, callbacks[i].request());
      if (answer.status() != 204) {
        throw new IllegalStateException("callback refused: " + answer);
      }
      return answer;
    }
  }

  @Benchmark
  @Threads(1)
  public CallbackAnswer oneThread(Storm s, CpuCounters cpu) {
    cpu.start();
    return cpu.stop(s.deliverNext());
  }

  @Benchmark
  @Threads(16)
  public CallbackAnswer sixteenThreads(Storm s, CpuCounters cpu) {
    cpu.start();
    return cpu.stop(s.deliverNext());
  }
}
