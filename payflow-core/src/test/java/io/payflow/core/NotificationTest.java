package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.effect.Effect;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.Notification;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import io.payflow.core.testing.TestData;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Who is told what, and how the trace draws it. */
class NotificationTest {

  @Test
  void buyerAndFrontEndAreToldOfAFailureAClosingAndARefundInTheirOwnWords() {
    try (Shop shop = new Shop()) {
      Order failed = shop.order(1);
      String failedNo = shop.pay(failed).payment().paymentNo();
      shop.flow.handlePaymentResult(FakeChannel.failure(failedNo, failed.totalAmount()));
      Order closed = shop.order(1);
      shop.flow.cancel(closed.orderNo(), "用户取消");
      Order refunded = shop.order(1);
      String paidNo = shop.pay(refunded).payment().paymentNo();
      shop.flow.handlePaymentResult(FakeChannel.success(paidNo, refunded.totalAmount()));
      shop.settle();
      shop.flow.refund(refunded.orderNo(), refunded.totalAmount(), "退货");
      shop.settle();

      assertThat(TestData.arrowsInBlocks(shop.store, failed.orderNo()))
          .contains(
              "NS->>U: 发送支付失败通知 @alt:订单创建成功/alt:微信下单成功/else:支付失败",
              "NS->>FE: 推送支付失败消息 @alt:订单创建成功/alt:微信下单成功/else:支付失败");
      assertThat(TestData.arrowsInBlocks(shop.store, closed.orderNo()))
          .contains(
              "NS->>U: 发送订单关闭通知 @alt:订单创建成功/alt:订单关闭", "NS->>FE: 推送订单关闭消息 @alt:订单创建成功/alt:订单关闭");
      assertThat(TestData.arrowsInBlocks(shop.store, refunded.orderNo()))
          .contains(
              "NS->>U: 发送退款成功通知 @alt:订单创建成功/alt:退款",
              "NS->>FE: 推送退款成功消息 @alt:订单创建成功/alt:退款",
              "NS->>FE: 推送支付成功消息 @alt:订单创建成功/alt:微信下单成功/alt:支付成功/par:并行处理/and:notify-push");
      assertThat(shop.push.delivered)
          .extracting(Notification::type)
          .containsExactlyInAnyOrder(
              NotificationType.PAYMENT_FAILED,
              NotificationType.ORDER_CLOSED,
              NotificationType.PAYMENT_SUCCEEDED,
              NotificationType.REFUNDED);
    }
  }

  @Test
  void notifierIsSentOnlyTheTypesItWants() throws Exception {
    List<Notification> sent = new CopyOnWriteArrayList<>();
    Notifier onlySuccess =
        new Notifier() {
          @Override
          public String name() {
            return "crm";
          }

          @Override
          public Set<NotificationType> types() {
            return EnumSet.of(NotificationType.PAYMENT_SUCCEEDED);
          }

          @Override
          public void send(Notification notification) {
            sent.add(notification);
          }
        };
    try (PayFlow flow =
        PayFlow.builder()
            .inventory(new InMemoryInventoryService().stock("SKU-1", 5))
            .priceCatalog(new InMemoryPriceCatalog().price("SKU-1", 1_000))
            .channel(new FakeChannel())
            .notifier(onlySuccess)
            .build()) {
      Order closed =
          flow.createOrder(
              CreateOrderRequest.of(
                  "u", List.of(new io.payflow.core.model.OrderLine("SKU-1", 1, 1_000))));
      flow.cancel(closed.orderNo(), "用户取消");
      assertThat(flow.awaitEffects(Duration.ofSeconds(10))).isTrue();

      assertThat(sent).isEmpty();
      assertThat(onlySuccess.audience()).isEqualTo(Notifier.Audience.USER);
      assertThat(flow.traceDiagram(closed.orderNo())).doesNotContain("NS->>");
    }
  }

  @Test
  void successOwedToNoNotifierDrawsNoNotificationStep() throws Exception {
    try (PayFlow flow =
        PayFlow.builder()
            .inventory(new InMemoryInventoryService().stock("SKU-1", 5))
            .priceCatalog(new InMemoryPriceCatalog().price("SKU-1", 1_000))
            .channel(new FakeChannel())
            .build()) {
      Order order =
          flow.createOrder(
              CreateOrderRequest.of(
                  "u", List.of(new io.payflow.core.model.OrderLine("SKU-1", 1, 1_000))));
      String paymentNo =
          flow.startPayment(
                  new StartPaymentRequest(
                      order.orderNo(),
                      FakeChannel.ID,
                      io.payflow.core.model.TradeType.NATIVE,
                      null,
                      null))
              .payment()
              .paymentNo();
      flow.handlePaymentResult(FakeChannel.success(paymentNo, 1_000));
      assertThat(flow.awaitEffects(Duration.ofSeconds(10))).isTrue();

      assertThat(flow.traceDiagram(order.orderNo()))
          .contains("OS->>OS: 扣减库存")
          .doesNotContain("发送支付成功通知");
    }
  }

  @Test
  void notificationForANotifierThisInstanceDoesNotHaveFailsAndIsRetried() {
    try (Shop shop = new Shop()) {
      shop.sms.behaviour =
          (n, attempt) -> {
            throw new IOException("down");
          };
      Order order = shop.order(1);
      String paymentNo = shop.pay(order).payment().paymentNo();
      shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
      shop.settle();
      shop.clock.advance(Duration.ofSeconds(1));
      try (PayFlow other =
          PayFlow.builder()
              .orderStore(shop.store)
              .inventory(new InMemoryInventoryService())
              .priceCatalog(new InMemoryPriceCatalog())
              .channel(new FakeChannel())
              .clock(shop.clock)
              .build()) {

        assertThat(other.runDueEffects()).isEqualTo(1);

        Effect sms =
            shop.flow.find(order.orderNo()).orElseThrow().effects().stream()
                .filter(e -> "sms".equals(e.target()))
                .findFirst()
                .orElseThrow();
        assertThat(sms.attempts()).isEqualTo(2);
        assertThat(sms.lastError()).contains("no notifier named sms");
      }
    }
  }

  @Test
  void failedAttemptIsRecordedByTheExceptionsNameAndAShortenedMessage() {
    try (Shop shop = new Shop()) {
      shop.sms.behaviour =
          (n, attempt) -> {
            if (attempt == 1) {
              throw new IOException();
            }
            throw new IOException("x".repeat(600));
          };
      shop.push.behaviour =
          (n, attempt) -> {
            throw new InterruptedException("stop");
          };
      Order order = shop.order(1);
      String paymentNo = shop.pay(order).payment().paymentNo();
      shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
      shop.settle();

      assertThat(lastError(shop, order, "sms")).isEqualTo("IOException");
      assertThat(lastError(shop, order, "push")).isEqualTo("InterruptedException: stop");
      shop.clock.advance(Duration.ofSeconds(1));
      shop.flow.runDueEffects();
      assertThat(lastError(shop, order, "sms")).hasSize(500).startsWith("IOException: xxx");
      assertThat(shop.record(order.orderNo()).refunds())
          .allSatisfy(r -> assertThat(r.status()).isNotEqualTo(RefundStatus.FAILED));
    }
  }

  private static String lastError(Shop shop, Order order, String notifier) {
    return shop.flow.find(order.orderNo()).orElseThrow().effects().stream()
        .filter(e -> notifier.equals(e.target()))
        .findFirst()
        .orElseThrow()
        .lastError();
  }
}
