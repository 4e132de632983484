package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.MutableClock;
import io.payflow.core.testing.SwitchableExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An effect the executor refuses (it is shutting down) goes back to the outbox untouched. */
class EffectHandBackTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final InMemoryInventoryService inventory =
      new InMemoryInventoryService().stock("SKU-1", 5);
  private final SwitchableExecutor executor = new SwitchableExecutor();
  private final PayFlow flow =
      PayFlow.builder()
          .inventory(inventory)
          .priceCatalog(new InMemoryPriceCatalog().price("SKU-1", 1_000))
          .channel(new FakeChannel())
          .clock(clock)
          .effectExecutor(executor)
          .build();

  @AfterEach
  void closeFlow() {
    flow.close();
  }

  @Test
  void effectsTheExecutorRejectsArePendingAgainDueNowWithTheirAttemptsUnchanged() {
    // given a paid order whose effects the executor refuses
    Order order =
        flow.createOrder(
            CreateOrderRequest.of("user-1", List.of(new OrderLine("SKU-1", 1, 1_000))));
    String paymentNo =
        flow.startPayment(
                new StartPaymentRequest(
                    order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null))
            .payment()
            .paymentNo();
    executor.rejecting = true;
    clock.advance(Duration.ofSeconds(5));

    // when
    flow.handlePaymentResult(FakeChannel.success(paymentNo, 1_000));

    // then
    List<Effect> effects = flow.find(order.orderNo()).orElseThrow().effects();
    assertThat(effects).isNotEmpty();
    assertThat(effects)
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(EffectStatus.PENDING);
              assertThat(e.attempts()).isZero();
              assertThat(e.nextAttemptAt()).isEqualTo(clock.instant());
              assertThat(e.lastError()).contains("rejected");
            });

    // and once the executor takes work again they run at the next sweep, without waiting
    executor.rejecting = false;
    assertThat(flow.runDueEffects()).isEqualTo(effects.size());
    assertThat(flow.find(order.orderNo()).orElseThrow().effects())
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(EffectStatus.DONE);
              assertThat(e.attempts()).isEqualTo(1);
            });
    assertThat(flow.find(order.orderNo()).orElseThrow().order().status())
        .isEqualTo(OrderStatus.FULFILLING);
    assertThat(inventory.sold("SKU-1")).isEqualTo(1);
  }
}
