package io.payflow.spring.autoconfigure;

import static io.payflow.spring.autoconfigure.ConsoleStore.DEAD_EFFECT;
import static io.payflow.spring.autoconfigure.ConsoleStore.NOW;
import static io.payflow.spring.autoconfigure.ConsoleStore.PAID;
import static io.payflow.spring.autoconfigure.ConsoleStore.PROCESSING_REFUND;
import static io.payflow.spring.autoconfigure.ConsoleStore.UNPAID;
import static io.payflow.spring.autoconfigure.ConsoleStore.WAITING_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlow;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.spi.OrderStore;
import io.payflow.spring.autoconfigure.PayFlowEndpoint.AwaitingView;
import io.payflow.spring.autoconfigure.PayFlowEndpoint.EffectView;
import io.payflow.spring.autoconfigure.PayFlowEndpoint.OrderReport;
import io.payflow.spring.autoconfigure.PayFlowEndpoint.Overview;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code payflow} Actuator endpoint: what it reads from the store, the order it reports, the
 * retry it makes, and when it is there at all (Actuator's own availability rules).
 */
class PayFlowEndpointTests {

  private final InMemoryOrderStore store = ConsoleStore.filled();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final ExecutorService effects = Executors.newSingleThreadExecutor();
  private final PayFlow payFlow =
      PayFlow.builder()
          .orderStore(store)
          .inventory(new InMemoryInventoryService())
          .priceCatalog(new InMemoryPriceCatalog())
          .channel(new StubChannel("stub"))
          .clock(clock)
          .effectExecutor(effects)
          .build();
  private final PayFlowEndpoint endpoint = new PayFlowEndpoint(store, payFlow, clock);

  @AfterEach
  void stop() {
    payFlow.close();
    effects.shutdownNow();
  }

  @Test
  void theOverviewCountsEveryStatusFromTheStore() {
    Overview overview = endpoint.overview();

    assertThat(overview.store()).isEqualTo("InMemoryOrderStore");
    assertThat(overview.at()).isEqualTo(NOW.toString());
    assertThat(overview.counts().get("orders"))
        .containsEntry("PENDING_PAYMENT", 1L)
        .containsEntry("FULFILLING", 1L)
        .containsEntry("PAID", 0L)
        .containsOnlyKeys(Arrays.stream(OrderStatus.values()).map(Enum::name).toList());
    assertThat(overview.counts().get("payments"))
        .containsEntry("PREPAID", 1L)
        .containsEntry("SUCCEEDED", 1L)
        .hasSize(PaymentStatus.values().length);
    assertThat(overview.counts().get("refunds")).containsEntry("PROCESSING", 1L);
    assertThat(overview.counts().get("effects"))
        .containsEntry("DEAD", 1L)
        .hasSize(EffectStatus.values().length);
  }

  @Test
  void theOverviewListsDeadEffectsWithTheirLastError() {
    EffectView dead = endpoint.overview().deadEffects().get(0);

    assertThat(endpoint.overview().deadEffects()).hasSize(1);
    assertThat(dead.id()).isEqualTo(DEAD_EFFECT);
    assertThat(dead.orderNo()).isEqualTo(UNPAID);
    assertThat(dead.type()).isEqualTo("RELEASE_STOCK");
    assertThat(dead.status()).isEqualTo("DEAD");
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(dead.lastError()).isEqualTo("stock service down");
  }

  @Test
  void theOverviewListsWorkAwaitingAResultWithHowLongItWaited() {
    Overview overview = endpoint.overview();

    AwaitingView payment = overview.awaitingPayments().get(0);
    assertThat(overview.awaitingPayments()).hasSize(1);
    assertThat(payment.number()).isEqualTo(WAITING_PAYMENT);
    assertThat(payment.orderNo()).isEqualTo(UNPAID);
    assertThat(payment.status()).isEqualTo("PREPAID");
    assertThat(payment.waitingSeconds()).isEqualTo(600);
    // Waited longer than payflow.reconcile.query-after (2 min): payflow should have asked WeChat.
    assertThat(payment.overdue()).isTrue();
    AwaitingView refund = overview.awaitingRefunds().get(0);
    assertThat(refund.number()).isEqualTo(PROCESSING_REFUND);
    assertThat(refund.amount()).isEqualTo(50);
    assertThat(refund.waitingSeconds()).isEqualTo(30);
    assertThat(refund.overdue()).isFalse();
  }

  @Test
  void oneOrderComesWithItsPaymentsRefundsEffectsAndTrace() {
    OrderReport unpaid = endpoint.order(UNPAID);
    OrderReport paid = endpoint.order(PAID);

    assertThat(unpaid.order().status()).isEqualTo("PENDING_PAYMENT");
    assertThat(unpaid.order().totalAmount()).isEqualTo(200);
    assertThat(unpaid.payments()).extracting(p -> p.paymentNo()).containsExactly(WAITING_PAYMENT);
    assertThat(unpaid.effects()).extracting(EffectView::id).containsExactly(DEAD_EFFECT);
    assertThat(unpaid.trace()).startsWith("sequenceDiagram");
    assertThat(paid.refunds())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.refundNo()).isEqualTo(PROCESSING_REFUND);
              assertThat(r.status()).isEqualTo("PROCESSING");
              assertThat(r.kind()).isEqualTo("REQUESTED");
            });
    assertThat(endpoint.order("NO-SUCH-ORDER")).isNull();
  }

  @Test
  void retryingADeadEffectRunsItAgainAndTakesItOffTheDeadList() throws Exception {
    PayFlowEndpoint.RetryAnswer answer = endpoint.retryEffect(DEAD_EFFECT);
    payFlow.awaitEffects(Duration.ofSeconds(10));

    assertThat(answer.retried()).isTrue();
    assertThat(answer.effectId()).isEqualTo(DEAD_EFFECT);
    assertThat(endpoint.overview().deadEffects()).isEmpty();
    assertThat(endpoint.overview().counts().get("effects"))
        .containsEntry("DEAD", 0L)
        .containsEntry("DONE", 1L);
    assertThat(endpoint.retryEffect(DEAD_EFFECT).retried()).isFalse();
    assertThat(endpoint.retryEffect("NO-SUCH-EFFECT").retried()).isFalse();
  }

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigs.all())
          .withBean(PayFlow.class, RecordingPayFlow::new);

  @Test
  void theEndpointIsThereOnlyWhenTheHostExposesIt() {
    runner.run(context -> assertThat(context).doesNotHaveBean(PayFlowEndpoint.class));
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=health,payflow")
        .run(
            context -> {
              assertThat(context).hasSingleBean(PayFlowEndpoint.class);
              assertThat(context.getBean(PayFlowEndpoint.class).overview().store())
                  .isEqualTo(context.getBean(OrderStore.class).getClass().getSimpleName());
            });
  }

  @Test
  void theEndpointCanBeSwitchedOffLikeBootsOwn() {
    runner
        .withPropertyValues(
            "management.endpoints.web.exposure.include=*",
            "management.endpoint.payflow.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(PayFlowEndpoint.class));
  }

  @Test
  void withoutActuatorThereIsNoEndpointAndEverythingElseWorks() {
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=payflow")
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.boot.actuate", "org.springframework.boot.health"))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(PayFlowEndpoint.class)
                    .hasSingleBean(PayFlow.class));
  }
}
