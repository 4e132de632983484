package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.effect.EffectStatus;
import io.payflow.core.error.ConfigurationException;
import io.payflow.core.event.OrderCreated;
import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.RecordingNotifier;
import io.payflow.core.testing.Shop;
import io.payflow.core.testing.SwitchableExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Building a PayFlow, its listeners, its effect threads, and closing it. */
class LifecycleTest {

  private static PayFlowBuilder minimal() {
    return PayFlow.builder()
        .inventory(new InMemoryInventoryService().stock("SKU-1", 5))
        .priceCatalog(new InMemoryPriceCatalog().price("SKU-1", 1_000))
        .channel(new FakeChannel());
  }

  private static void refusedNaming(PayFlowBuilder builder, String field) {
    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationException.Problem::setting)
                    .containsExactly(field));
  }

  private static Order paidOrder(PayFlow flow) {
    Order order =
        flow.createOrder(
            CreateOrderRequest.of("user-1", List.of(new OrderLine("SKU-1", 1, 1_000))));
    String paymentNo =
        flow.startPayment(
                new StartPaymentRequest(
                    order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null))
            .payment()
            .paymentNo();
    flow.handlePaymentResult(FakeChannel.success(paymentNo, 1_000));
    return order;
  }

  @Test
  void builderNamesWhatIsMissingOrRepeated() {
    refusedNaming(
        PayFlow.builder().priceCatalog(new InMemoryPriceCatalog()).channel(new FakeChannel()),
        "inventory");
    refusedNaming(
        PayFlow.builder().inventory(new InMemoryInventoryService()).channel(new FakeChannel()),
        "priceCatalog");
    refusedNaming(
        PayFlow.builder()
            .inventory(new InMemoryInventoryService())
            .priceCatalog(new InMemoryPriceCatalog()),
        "channels");
    refusedNaming(
        minimal()
            .notifiers(
                List.of(
                    new RecordingNotifier("sms", Notifier.Audience.USER),
                    new RecordingNotifier("sms", Notifier.Audience.FRONTEND))),
        "notifiers");
    refusedNaming(minimal().channel(new FakeChannel()), "channels");
  }

  @Test
  void notifiersGivenAsACollectionAreEachUsed() throws Exception {
    RecordingNotifier sms = new RecordingNotifier("sms", Notifier.Audience.USER);
    RecordingNotifier push = new RecordingNotifier("push", Notifier.Audience.FRONTEND);
    try (PayFlow flow = minimal().notifiers(List.of(sms, push)).build()) {
      paidOrder(flow);
      assertThat(flow.awaitEffects(Duration.ofSeconds(10))).isTrue();

      assertThat(sms.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
      assertThat(push.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
    }
  }

  @Test
  void effectsRunOnPayflowsOwnDaemonThreads() throws Exception {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    RecordingNotifier sms = new RecordingNotifier("sms", Notifier.Audience.USER);
    sms.behaviour = (n, attempt) -> threads.add(Thread.currentThread());
    try (PayFlow flow = minimal().notifier(sms).build()) {
      paidOrder(flow);
      assertThat(flow.awaitEffects(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(threads)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.isDaemon()).isTrue();
              assertThat(t.getName()).startsWith("payflow-effect-");
              assertThat(t).isNotSameAs(Thread.currentThread());
            });
  }

  @Test
  void closeStopsTheOwnedPoolSoLaterEffectsWaitInTheOutbox() {
    PayFlow flow = minimal().build();
    flow.close();

    Order order = paidOrder(flow);

    assertThat(flow.find(order.orderNo()).orElseThrow().effects())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(EffectStatus.PENDING));
  }

  @Test
  void closeLeavesACallersExecutorRunning() {
    SwitchableExecutor executor = new SwitchableExecutor();
    java.util.concurrent.ExecutorService watched =
        new java.util.concurrent.AbstractExecutorService() {
          volatile boolean shut;

          @Override
          public void execute(Runnable command) {
            executor.execute(command);
          }

          @Override
          public void shutdown() {
            shut = true;
          }

          @Override
          public List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
          }

          @Override
          public boolean isShutdown() {
            return shut;
          }

          @Override
          public boolean isTerminated() {
            return shut;
          }

          @Override
          public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
          }
        };
    PayFlow flow = minimal().effectExecutor(watched).build();

    flow.close();

    assertThat(watched.isShutdown()).isFalse();
    Order order = paidOrder(flow);
    assertThat(flow.find(order.orderNo()).orElseThrow().effects())
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(EffectStatus.DONE));
  }

  @Test
  void listenerAddedLaterHearsEveryEventFromThenOn() {
    try (Shop shop = new Shop()) {
      List<PayFlowEvent> heard = new CopyOnWriteArrayList<>();
      shop.flow.addListener(heard::add);

      Order order = shop.order(1);

      assertThat(heard)
          .singleElement()
          .isInstanceOfSatisfying(
              OrderCreated.class, e -> assertThat(e.orderNo()).isEqualTo(order.orderNo()));
    }
  }

  @Test
  void awaitingEffectsThatDoNotFinishInTimeSaysSo() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingNotifier sms = new RecordingNotifier("sms", Notifier.Audience.USER);
    sms.behaviour = (n, attempt) -> release.await(10, TimeUnit.SECONDS);
    try (PayFlow flow = minimal().notifier(sms).build()) {
      paidOrder(flow);

      assertThat(flow.awaitEffects(Duration.ZERO)).isFalse();
      assertThat(flow.awaitEffects(Duration.ofMillis(20))).isFalse();

      release.countDown();
      assertThat(flow.awaitEffects(Duration.ofSeconds(10))).isTrue();
      assertThat(sms.delivered).hasSize(1);
    }
  }

  @Test
  void listenerThatThrowsAVirtualMachineErrorIsNotSwallowed() {
    try (Shop shop = new Shop()) {
      shop.flow.addListener(
          e -> {
            throw new StackOverflowError("listener recursed");
          });

      assertThatThrownBy(() -> shop.order(1)).isInstanceOf(StackOverflowError.class);
    }
  }

  @Test
  void retryingAnEffectThatIsNotDeadDoesNothing() {
    try (Shop shop = new Shop()) {
      Order order = shop.order(1);
      String paymentNo = shop.pay(order).payment().paymentNo();
      shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
      shop.settle();
      String id = order.orderNo() + "/CONFIRM_STOCK/order/reservation";

      assertThat(shop.flow.retryEffect(id)).isFalse();
      shop.settle();

      assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
      assertThat(shop.flow.find(order.orderNo()).orElseThrow().effects())
          .extracting(e -> e.id())
          .contains(id, order.orderNo() + "/START_FULFILLMENT/order/paid");
    }
  }
}
