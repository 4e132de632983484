package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fulfilment (触发发货流程) starts for a paid order, once, and never for a refunded one. */
class FulfillmentTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void refundedOrderIsNotFulfilledWhenItsDelayedFulfilmentRuns() {
    // given a paid order whose fulfilment failed once, then was refunded in full
    AtomicInteger tries = new AtomicInteger();
    shop.fulfilment =
        o -> {
          if (tries.incrementAndGet() == 1) {
            throw new IllegalStateException("warehouse unreachable");
          }
        };
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();
    shop.flow.refund(order.orderNo(), order.totalAmount(), "不要了");
    shop.settle();
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.REFUNDED);

    // when the fulfilment is due again
    shop.clock.advance(Duration.ofMinutes(1));
    shop.flow.runDueEffects();

    // then nothing ships, and the effect is done rather than retried
    assertThat(shop.fulfilled).isEmpty();
    assertThat(tries).hasValue(1);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(shop.flow.find(order.orderNo()).orElseThrow().effects())
        .filteredOn(e -> e.type() == EffectType.START_FULFILLMENT)
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(EffectStatus.DONE));
  }

  @Test
  void fulfilmentThatStartsWhileARefundIsUnderWayLeavesTheOrderRefunding() {
    // given a paid order whose fulfilment failed once, with a refund the channel is processing
    AtomicInteger tries = new AtomicInteger();
    shop.fulfilment =
        o -> {
          if (tries.incrementAndGet() == 1) {
            throw new IllegalStateException("warehouse unreachable");
          }
        };
    shop.channel.onRefund =
        r ->
            io.payflow.core.testing.TestData.refundResult(
                r.refundNo(),
                r.paymentNo(),
                io.payflow.core.model.RefundStatus.PROCESSING,
                "PROCESSING");
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();
    shop.flow.refund(order.orderNo(), 300, "少发一件");
    shop.settle();

    // when the fulfilment runs again
    shop.clock.advance(Duration.ofMinutes(1));
    shop.flow.runDueEffects();

    // then it ships, and the order stays REFUNDING until the refund ends
    assertThat(shop.fulfilled).hasSize(1);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.REFUNDING);
    assertThat(io.payflow.core.testing.TestData.arrows(shop.store, order.orderNo()))
        .contains("OS->>OS: 触发发货流程")
        .doesNotContain("OS->>OS: 更新订单状态为发货中");
  }
}
