package io.payflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowBuilder;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.Payment;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.MutableClock;
import io.payflow.core.testing.RecordingNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A shop whose orders, payments, effects and stock live in a database: a {@link PayFlow} over a
 * {@link JdbcOrderStore} and a {@link JdbcInventoryService}, a scripted channel, an SMS notifier,
 * and a mutable clock. For tests of payflow on real databases.
 */
final class JdbcShop implements AutoCloseable {

  static final String SKU = "SKU-HOT";
  static final long PRICE = 990;

  final MutableClock clock;
  final JdbcOrderStore store;
  final JdbcInventoryService inventory;
  final FakeChannel channel = new FakeChannel();
  final RecordingNotifier sms = new RecordingNotifier("sms", Notifier.Audience.USER);
  final PayFlow flow;

  JdbcShop(JdbcConfig config, MutableClock clock) {
    this(config, clock, null);
  }

  /** With {@code effects} running the effects (null: payflow's own pool). */
  JdbcShop(JdbcConfig config, MutableClock clock, ExecutorService effects) {
    this.clock = clock;
    this.store = JdbcOrderStore.create(config);
    this.inventory = JdbcInventoryService.create(config);
    PayFlowBuilder builder =
        PayFlow.builder()
            .orderStore(store)
            .inventory(inventory)
            .priceCatalog(new InMemoryPriceCatalog().price(SKU, PRICE))
            .clock(clock)
            .config(PayFlowConfig.builder().effectInitialBackoff(Duration.ofSeconds(1)).build())
            .notifier(sms)
            .channel(channel);
    if (effects != null) {
      builder.effectExecutor(effects);
    }
    this.flow = builder.build();
  }

  static MutableClock clock() {
    return new MutableClock(Instant.parse("2026-11-24T10:30:00Z"));
  }

  Order order(int quantity) {
    return flow.createOrder(
        CreateOrderRequest.of("user-1", List.of(new OrderLine(SKU, quantity, PRICE))));
  }

  PaymentStart pay(Order order) {
    return flow.startPayment(
        new StartPaymentRequest(
            order.orderNo(), FakeChannel.ID, TradeType.JSAPI, "openid-1", null));
  }

  /** The channel calls back: the payment succeeded. */
  CallbackAnswer succeed(Payment payment) {
    return flow.handleCallback(
        FakeChannel.ID, channel.signed(FakeChannel.success(payment.paymentNo(), payment.amount())));
  }

  void settle() {
    try {
      assertThat(flow.awaitEffects(Duration.ofSeconds(30))).as("effects finished").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    flow.close();
  }

  /** An executor that takes every task and never runs it: the process died before it could. */
  static ExecutorService crashing() {
    return new AbstractExecutorService() {
      private volatile boolean shutdown;

      @Override
      public void execute(Runnable command) {}

      @Override
      public void shutdown() {
        shutdown = true;
      }

      @Override
      public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
      }

      @Override
      public boolean isShutdown() {
        return shutdown;
      }

      @Override
      public boolean isTerminated() {
        return shutdown;
      }

      @Override
      public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
      }
    };
  }
}
