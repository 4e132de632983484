package io.payflow.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowBuilder;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.OrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A small shop wired to a {@link PayFlow}: two skus, an SMS notifier to the buyer and a push
 * notifier to the front end, a recording fulfilment service, a scripted WeChat channel, a mutable
 * clock, and a listener recording every event. Effects run on payflow's own pool; {@link #settle()}
 * waits for them.
 */
public final class Shop implements AutoCloseable {

  public static final String SKU = "SKU-1";
  public static final long PRICE = 1_000;
  public static final long STOCK = 10;

  public final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  public final InMemoryPriceCatalog catalog =
      new InMemoryPriceCatalog().price(SKU, PRICE).price("SKU-2", 2_500);
  public final CountingInventory inventory = new CountingInventory();
  public final FakeChannel channel = new FakeChannel();
  public final RecordingNotifier sms = new RecordingNotifier("sms", Notifier.Audience.USER);
  public final RecordingNotifier push = new RecordingNotifier("push", Notifier.Audience.FRONTEND);
  public final List<Order> fulfilled = new CopyOnWriteArrayList<>();
  public volatile FulfilmentBehaviour fulfilment = order -> {};
  public final RecordingListener events = new RecordingListener();
  public final OrderStore store;
  public final PayFlow flow;

  /** What starting fulfilment does before it is recorded. */
  @FunctionalInterface
  public interface FulfilmentBehaviour {
    void before(Order order) throws Exception;
  }

  public Shop() {
    this(UnaryOperator.identity(), new InMemoryOrderStore());
  }

  public Shop(UnaryOperator<PayFlowConfig.Builder> config) {
    this(config, new InMemoryOrderStore());
  }

  public Shop(UnaryOperator<PayFlowConfig.Builder> config, OrderStore store) {
    inventory.stock.stock(SKU, STOCK).stock("SKU-2", 5);
    this.store = store;
    PayFlowBuilder builder =
        PayFlow.builder()
            .orderStore(store)
            .inventory(inventory)
            .priceCatalog(catalog)
            .fulfillment(
                order -> {
                  fulfilment.before(order);
                  fulfilled.add(order);
                })
            .clock(clock)
            .config(
                config
                    .apply(
                        PayFlowConfig.builder()
                            .effectMaxAttempts(4)
                            .effectInitialBackoff(Duration.ofSeconds(1)))
                    .build())
            .notifier(sms)
            .notifier(push)
            .channel(channel)
            .listener(events);
    this.flow = builder.build();
  }

  public Order order(int quantity) {
    return flow.createOrder(
        CreateOrderRequest.of("user-1", List.of(new OrderLine(SKU, quantity, PRICE))));
  }

  public PaymentStart pay(Order order) {
    return flow.startPayment(
        new StartPaymentRequest(
            order.orderNo(), FakeChannel.ID, TradeType.JSAPI, "openid-1", null));
  }

  public OrderRecord record(String orderNo) {
    return store.load(orderNo).orElseThrow();
  }

  /** Waits for the effects in flight; fails the test if they do not finish in time. */
  public void settle() {
    try {
      assertThat(flow.awaitEffects(Duration.ofSeconds(10))).as("effects finished").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for effects", e);
    }
  }

  @Override
  public void close() {
    flow.close();
  }
}
