package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.event.EffectDead;
import io.payflow.core.event.EffectFailed;
import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each effect is retried on its own with backoff, then parked as dead, then revivable. */
class EffectRetryTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private Order paidOrder() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();
    return order;
  }

  private Effect effect(Order order, String id) {
    return shop.flow.find(order.orderNo()).orElseThrow().effects().stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void notifierFailingTwiceIsRetriedWithBackoffWithoutRepeatingTheOthers() {
    shop.sms.behaviour =
        (n, attempt) -> {
          if (attempt <= 2) {
            throw new IOException("SMS gateway timeout");
          }
        };
    Order order = paidOrder();
    String smsId = order.orderNo() + "/NOTIFY/sms/PAYMENT_SUCCEEDED";

    assertThat(effect(order, smsId).status()).isEqualTo(EffectStatus.PENDING);
    assertThat(shop.flow.runDueEffects()).as("not due before its backoff").isZero();
    shop.clock.advance(Duration.ofSeconds(1));
    assertThat(shop.flow.runDueEffects()).isEqualTo(1);
    assertThat(shop.flow.runDueEffects()).as("second backoff is 2s").isZero();
    shop.clock.advance(Duration.ofSeconds(2));
    assertThat(shop.flow.runDueEffects()).isEqualTo(1);

    assertThat(shop.sms.attempts.get()).isEqualTo(3);
    assertThat(shop.sms.delivered).hasSize(1);
    assertThat(shop.push.attempts.get()).isEqualTo(1);
    assertThat(shop.fulfilled).hasSize(1);
    assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
    assertThat(effect(order, smsId).status()).isEqualTo(EffectStatus.DONE);
    assertThat(shop.events.of(EffectFailed.class))
        .extracting(e -> e.effect().attempts())
        .containsExactly(1, 2);
  }

  @Test
  void notifierThatAlwaysFailsEndsDeadWhileTheOrderStaysPaidAndCanBeRevived() {
    shop.sms.behaviour =
        (n, attempt) -> {
          throw new IOException("SMS gateway down");
        };
    Order order = paidOrder();
    String smsId = order.orderNo() + "/NOTIFY/sms/PAYMENT_SUCCEEDED";
    for (int i = 0; i < 10; i++) {
      shop.clock.advance(Duration.ofMinutes(10));
      shop.flow.runDueEffects();
    }

    assertThat(shop.sms.attempts.get()).isEqualTo(4);
    assertThat(effect(order, smsId).status()).isEqualTo(EffectStatus.DEAD);
    assertThat(shop.events.of(EffectDead.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.effect().id()).isEqualTo(smsId);
              assertThat(e.error()).contains("SMS gateway down");
            });
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.push.delivered).hasSize(1);

    shop.sms.behaviour = (n, attempt) -> {};
    assertThat(shop.flow.retryEffect(smsId)).isTrue();
    shop.settle();

    assertThat(effect(order, smsId).status()).isEqualTo(EffectStatus.DONE);
    assertThat(shop.sms.delivered).hasSize(1);
    assertThat(shop.flow.retryEffect(smsId)).as("only a dead effect can be retried").isFalse();
  }

  @Test
  void aThrowingListenerBreaksNothing() {
    shop.flow.addListener(
        (PayFlowEvent e) -> {
          throw new IllegalStateException("listener bug");
        });

    Order order = paidOrder();

    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.sms.delivered).hasSize(1);
  }

  @Test
  void aListenerThrowingACheckedExceptionBreaksNothing() {
    // Kotlin listeners, or Java ones with @SneakyThrows, throw checked exceptions undeclared.
    shop.flow.addListener((PayFlowEvent e) -> sneakyThrow(new IOException("listener's I/O")));

    Order order = paidOrder();

    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.sms.delivered).hasSize(1);
    assertThat(shop.push.delivered).hasSize(1);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
