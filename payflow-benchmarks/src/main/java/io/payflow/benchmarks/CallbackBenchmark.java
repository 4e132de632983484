package io.payflow.benchmarks;

import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.payflow.core.PayFlow;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.WechatPayChannel;
import java.time.Clock;
import java.time.ZoneOffset;
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
 * Benchmark 1: the WeChat Pay callback path against its floor, the SDK's {@code
 * NotificationParser.parse} alone (RSA-2048 verification, AES-256-GCM decryption, JSON), on the
 * same signed, encrypted success callbacks.
 *
 * <p>A first transition consumes its order, so every benchmark here runs a batch of {@value #BATCH}
 * distinct callbacks per iteration (single-shot mode) on orders made fresh in the iteration's
 * setup, and the floor parses the same batch. Effects are recorded but only queued, never run: what
 * is measured is the answer WeChat Pay waits for.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CallbackBenchmark {

  /** Distinct callbacks signed per fork; the smoke test uses fewer. */
  static final int BATCH = 2_000;

  static final int SMOKE_BATCH = 20;
  static final String PREFIX = "CB";

  /** The keys, the channel and one batch of signed callbacks, made once per fork. */
  @State(Scope.Benchmark)
  public static class Callbacks {
    WechatCallbacks wechat;
    WechatPayChannel channel;
    NotificationParser sdk;
    WechatCallbacks.Signed[] batch;
    MutableClock clock;
    int next;

    @Setup(Level.Trial)
    public void sign() {
      wechat = new WechatCallbacks();
      clock = MutableClock.ticking(Fixtures.START);
      channel = wechat.channel(Clock.fixed(Fixtures.START.plusSeconds(1), ZoneOffset.UTC));
      sdk = wechat.sdkParser();
      batch = new WechatCallbacks.Signed[Sizes.of(BATCH, SMOKE_BATCH)];
      for (int i = 0; i < batch.length; i++) {
        batch[i] =
            wechat.paymentSucceeded(
                SequenceNumbers.paymentNo(PREFIX, i), Fixtures.PRICE, Fixtures.START);
      }
    }

    WechatCallbacks.Signed take() {
      return batch[next++ % batch.length];
    }

    /** A payflow with {@value #BATCH} prepaid orders whose payment numbers the batch names. */
    PayFlow prepaidShop(QueueingExecutor effects) {
      FakeChannel front = new FakeChannel(WechatPayChannel.ID, clock, channel);
      PayFlow flow =
          Fixtures.flow(
                  clock, new InMemoryOrderStore(), front, effects, new SequenceNumbers(PREFIX))
              .notifier(new Fixtures.CountingNotifier())
              .build();
      for (int i = 0; i < batch.length; i++) {
        Order order = flow.createOrder(Fixtures.ORDER);
        flow.startPayment(
            new StartPaymentRequest(
                order.orderNo(), WechatPayChannel.ID, TradeType.NATIVE, null, null));
      }
      effects.drop();
      return flow;
    }
  }

  /** Orders still waiting for their payment; made anew whenever the batch comes round again. */
  @State(Scope.Benchmark)
  public static class Prepaid {
    final QueueingExecutor effects = new QueueingExecutor();
    PayFlow flow;

    @Setup(Level.Invocation)
    public void prepare(Callbacks callbacks) {
      if (flow == null || callbacks.next % callbacks.batch.length == 0) {
        if (flow != null) {
          if (effects.queued() == 0) {
            throw new IllegalStateException("no transition happened: nothing was measured");
          }
          flow.close();
        }
        effects.drop();
        flow = callbacks.prepaidShop(effects);
      }
    }
  }

  /** Orders already paid through the same callbacks: every callback is now a duplicate. */
  @State(Scope.Benchmark)
  public static class Paid {
    final QueueingExecutor effects = new QueueingExecutor();
    PayFlow flow;

    @Setup(Level.Trial)
    public void prepare(Callbacks callbacks) {
      flow = callbacks.prepaidShop(effects);
      for (WechatCallbacks.Signed c : callbacks.batch) {
        CallbackAnswer answer = flow.handleCallback(WechatPayChannel.ID, c.request());
        if (answer.status() != 204) {
          throw new IllegalStateException("setup callback refused: " + answer);
        }
      }
      effects.drop();
    }

    @TearDown(Level.Iteration)
    public void check() {
      if (effects.queued() != 0) {
        throw new IllegalStateException("a duplicate callback owed effects");
      }
    }
  }

  /** The floor: what any user of the SDK pays for one callback. */
  @Benchmark
  public Transaction sdkParse(Callbacks callbacks, CpuCounters cpu) {
    WechatCallbacks.Signed c = callbacks.take();
    cpu.start();
    return cpu.stop(callbacks.sdk.parse(c.requestParam(), Transaction.class));
  }

  /** payflow's channel alone: headers, probe, freshness, serial, verify, decrypt, merchant. */
  @Benchmark
  public CallbackEvent channelParse(Callbacks callbacks, CpuCounters cpu) {
    WechatCallbacks.Signed c = callbacks.take();
    cpu.start();
    return cpu.stop(callbacks.channel.parseCallback(c.request()));
  }

  /** A first success callback: verified, decrypted, checked, the order paid, effects recorded. */
  @Benchmark
  public CallbackAnswer firstTransition(Callbacks callbacks, Prepaid shop, CpuCounters cpu) {
    WechatCallbacks.Signed c = callbacks.take();
    cpu.start();
    return answered(cpu.stop(shop.flow.handleCallback(WechatPayChannel.ID, c.request())));
  }

  /** The same callback again: verified and decrypted, and nothing changes. */
  @Benchmark
  public CallbackAnswer duplicate(Callbacks callbacks, Paid shop, CpuCounters cpu) {
    WechatCallbacks.Signed c = callbacks.take();
    cpu.start();
    return answered(cpu.stop(shop.flow.handleCallback(WechatPayChannel.ID, c.request())));
  }

  private static CallbackAnswer answered(CallbackAnswer answer) {
    if (answer.status() != 204) {
      throw new IllegalStateException("callback refused: " + answer);
    }
    return answer;
  }
}
