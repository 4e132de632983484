package io.payflow.core;

import static io.payflow.core.testing.Shop.SKU;
import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.event.EffectFailed;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.MermaidAssertions;
import io.payflow.core.testing.Shop;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reference diagram's {@code alt 支付成功} with its {@code par 并行处理}. */
class PaymentSuccessTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void successCallbackPaysTheOrderConfirmsStockNotifiesEveryoneOnceAndStartsFulfilment() {
    Order order = shop.order(2);
    PaymentStart start = shop.pay(order);
    String paymentNo = start.payment().paymentNo();

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID,
            shop.channel.signed(FakeChannel.success(paymentNo, order.totalAmount())));
    shop.settle();

    assertThat(answer.status()).isEqualTo(204);
    var record = shop.record(order.orderNo());
    assertThat(record.order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(record.order().paidAt()).isNotNull();
    assertThat(record.payment(paymentNo).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(record.payment(paymentNo).orElseThrow().transactionId()).isNotNull();
    assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
    assertThat(shop.inventory.releases(order.orderNo())).isZero();
    assertThat(shop.inventory.stock.sold(SKU)).isEqualTo(2);
    assertThat(shop.inventory.stock.reserved(SKU)).isZero();
    assertThat(shop.sms.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
    assertThat(shop.push.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
    assertThat(shop.sms.delivered.get(0).idempotencyKey())
        .isEqualTo(order.orderNo() + "/NOTIFY/sms/PAYMENT_SUCCEEDED");
    assertThat(shop.fulfilled).extracting(Order::orderNo).containsExactly(order.orderNo());
    assertThat(shop.flow.find(order.orderNo()).orElseThrow().effects())
        .allMatch(e -> e.status() == EffectStatus.DONE)
        .extracting(Effect::type)
        .containsExactlyInAnyOrder(
            EffectType.CONFIRM_STOCK,
            EffectType.NOTIFY,
            EffectType.NOTIFY,
            EffectType.START_FULFILLMENT);
    assertThat(shop.events.of(OrderStatusChanged.class))
        .extracting(OrderStatusChanged::from, OrderStatusChanged::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(OrderStatus.PENDING_PAYMENT, OrderStatus.PAID),
            org.assertj.core.groups.Tuple.tuple(OrderStatus.PAID, OrderStatus.FULFILLING));
  }

  @Test
  void notifiersAndFulfilmentRunInParallel() {
    // The barrier opens only when both notifiers and the fulfilment are inside their calls at the
    // same time; run one after the other, each would time out and fail its attempt.
    CyclicBarrier allInside = new CyclicBarrier(3);
    shop.sms.behaviour = (n, attempt) -> allInside.await(5, TimeUnit.SECONDS);
    shop.push.behaviour = (n, attempt) -> allInside.await(5, TimeUnit.SECONDS);
    shop.fulfilment = o -> allInside.await(5, TimeUnit.SECONDS);
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
    shop.settle();

    assertThat(shop.events.of(EffectFailed.class)).isEmpty();
    assertThat(shop.sms.attempts.get()).isEqualTo(1);
    assertThat(shop.push.attempts.get()).isEqualTo(1);
    assertThat(shop.fulfilled).hasSize(1);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
  }

  @Test
  void traceOfASuccessRendersAsAValidSequenceDiagramWithTheParallelBlock() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.handleCallback(
        FakeChannel.ID, shop.channel.signed(FakeChannel.success(paymentNo, order.totalAmount())));
    shop.settle();

    String diagram = shop.flow.traceDiagram(order.orderNo());

    List<String> lines = MermaidAssertions.assertWellFormed(diagram);
    assertThat(lines)
        .containsSubsequence(
            "API->>OS: 创建订单",
            "alt 订单创建成功",
            "OS->>OS: 验证商品库存和价格",
            "OS->>OS: 生成订单号",
            "OS-->>API: 返回订单信息",
            "API->>PS: 发起支付请求",
            "PS->>PS: 生成支付单号",
            "PS->>WP: 调用微信支付统一下单",
            "alt 微信下单成功",
            "WP-->>PS: 返回支付参数",
            "PS-->>API: 返回支付参数",
            "WP->>PS: 支付结果回调",
            "alt 支付成功",
            "PS->>OS: 更新订单状态为已支付",
            "OS->>OS: 扣减库存",
            "OS->>NS: 发送支付成功通知",
            "PS-->>WP: 确认回调处理成功",
            "par 并行处理");
    assertThat(lines).contains("NS->>U: 发送支付成功短信", "NS->>FE: 推送支付成功消息", "OS->>OS: 触发发货流程");
    int par = lines.indexOf("par 并行处理");
    int parEnd = par + lines.subList(par, lines.size()).indexOf("end");
    List<String> parBlock = lines.subList(par, parEnd + 1);
    assertThat(parBlock.stream().filter("and"::equals)).hasSize(2);
    assertThat(lines.stream().filter(l -> l.equals("end"))).hasSize(4);
  }
}
