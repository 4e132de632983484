package io.payflow.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.PaymentStart;
import io.payflow.core.PrepayFailedException;
import io.payflow.core.StalePriceException;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.event.CallbackRejected;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.testing.CountingInventory;
import io.payflow.core.testing.MermaidAssertions;
import io.payflow.core.testing.MutableClock;
import io.payflow.core.testing.RecordingListener;
import io.payflow.core.testing.RecordingNotifier;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.Fault;
import io.payflow.wechat.testkit.NotificationRequest;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.SimulatedRefund;
import io.payflow.wechat.testkit.Tamper;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.WechatPaySimulator;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference diagram ({@code order-payment-flow.md}) end to end: the real {@link PayFlow} with
 * in-memory store, inventory and catalog, the real {@link WechatPayChannel} on the official SDK,
 * and {@link WechatPaySimulator} as WeChat Pay. One test per {@code alt} branch, plus what happens
 * around them (duplicate and forged callbacks, an amount that differs, expiry).
 *
 * <p>Callbacks are fed to {@link PayFlow#handleCallback} exactly as the simulator signed them, as a
 * host's controller would pass on the raw body and headers.
 */
class ReferenceFlowEndToEndTest {

  private static final String SKU = "SKU-1";
  private static final long PRICE = 1_000;
  private static final long STOCK = 10;
  private static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  @RegisterExtension
  static final WechatPaySimulatorExtension sim = WechatPaySimulatorExtension.create();

  private static WechatPayChannel wechat;

  // Starts at the real time: WeChat signs callbacks with real timestamps and the SDK checks
  // answers against real time; the tests only move it forward to reach expiry and reconciliation.
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final InMemoryPriceCatalog catalog = new InMemoryPriceCatalog().price(SKU, PRICE);
  private final CountingInventory inventory = new CountingInventory();
  private final RecordingNotifier sms = new RecordingNotifier("sms", Notifier.Audience.USER);
  private final RecordingNotifier push = new RecordingNotifier("push", Notifier.Audience.FRONTEND);
  private final List<Order> fulfilled = new CopyOnWriteArrayList<>();
  private final OrderStore store = new InMemoryOrderStore();
  private final RecordingListener events = new RecordingListener();
  private PayFlow flow;

  @BeforeAll
  static void wireWechatPay() {
    wechat = SimulatorChannels.channelFor(sim);
  }

  @BeforeEach
  void openShop() {
    inventory.stock.stock(SKU, STOCK);
    flow =
        PayFlow.builder()
            .orderStore(store)
            .inventory(inventory)
            .priceCatalog(catalog)
            .fulfillment(fulfilled::add)
            .clock(clock)
            .config(PayFlowConfig.builder().effectInitialBackoff(Duration.ofMillis(10)).build())
            .notifier(sms)
            .notifier(push)
            .channel(wechat)
            .listener(events)
            .build();
  }

  @AfterEach
  void closeShop() {
    flow.close();
  }

  // ------------------------------------------------------------------ alt 订单创建失败

  @Test
  void orderCreationFailsOnInsufficientStockOrAStalePriceAndNothingReachesWechat() {
    assertThatThrownBy(() -> order(STOCK + 1))
        .isInstanceOf(InsufficientStockException.class)
        .hasMessageContaining("库存不足");
    catalog.price(SKU, PRICE + 100);
    assertThatThrownBy(() -> order(1))
        .isInstanceOf(StalePriceException.class)
        .hasMessageContaining("价格已变更");

    assertThat(sim.calls()).isEmpty();
    assertThat(inventory.stock.available(SKU)).isEqualTo(STOCK);
    assertThat(inventory.stock.reserved(SKU)).isZero();
    assertThat(sms.delivered).isEmpty();
  }

  // ------------------------------------------------------------------ alt 微信下单失败

  @Test
  void wechatPrepayFailureKeepsTheOrderPayableAndTheRetryPrepaysANewPaymentNumber() {
    Order order = order(1);
    sim.failNext(Endpoint.JSAPI_PREPAY, Fault.systemError());

    assertThatThrownBy(() -> pay(order))
        .isInstanceOfSatisfying(
            PrepayFailedException.class,
            e -> {
              assertThat(e.channelCode()).isEqualTo("SYSTEM_ERROR");
              assertThat(e.retryable()).isTrue();
            });
    OrderRecord afterFailure = record(order);
    assertThat(afterFailure.order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    String failedNo = afterFailure.payments().get(0).paymentNo();
    assertThat(afterFailure.payments().get(0).status()).isEqualTo(PaymentStatus.PREPAY_FAILED);
    assertThat(sim.order(failedNo)).as("WeChat created nothing").isEmpty();
    assertThat(inventory.stock.reserved(SKU)).isEqualTo(1);

    PaymentStart retry = pay(order);

    assertThat(retry.payment().paymentNo()).isNotEqualTo(failedNo);
    assertThat(retry.payment().status()).isEqualTo(PaymentStatus.PREPAID);
    assertThat(sim.order(retry.payment().paymentNo()).orElseThrow().state())
        .isEqualTo(TradeState.NOTPAY);
    assertThat(retry.payParams()).containsKeys("appId", "timeStamp", "nonceStr", "paySign");
    assertThat(MermaidAssertions.assertWellFormed(flow.traceDiagram(order.orderNo())))
        .containsSubsequence("alt 微信下单失败", "WP-->>PS: 返回错误信息", "PS-->>API: 返回支付失败", "alt 微信下单成功");
  }

  // ------------------------------------------------------------------ alt 支付失败

  @Test
  void failedPaymentFoundByReconciliationFailsTheOrderReleasesStockAndNotifiesTheBuyer() {
    Order order = order(3);
    String paymentNo = pay(order).payment().paymentNo();
    sim.payError(paymentNo);

    clock.advance(PayFlowConfig.DEFAULT_RECONCILE_QUERY_AFTER.plusSeconds(1));
    int settled = flow.reconcilePayments();
    settle();

    assertThat(settled).isEqualTo(1);
    assertThat(sim.calls(Endpoint.QUERY_ORDER)).hasSize(1);
    OrderRecord record = record(order);
    assertThat(record.order().status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(record.order().failureReason()).contains("PAYERROR");
    assertThat(record.payment(paymentNo).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(inventory.releases(order.orderNo())).isEqualTo(1);
    assertThat(inventory.confirms(order.orderNo())).isZero();
    assertThat(inventory.stock.available(SKU)).isEqualTo(STOCK);
    assertThat(sms.deliveredTypes()).containsExactly(NotificationType.PAYMENT_FAILED);
    assertThat(push.deliveredTypes()).containsExactly(NotificationType.PAYMENT_FAILED);
    assertThat(fulfilled).isEmpty();
    assertThat(MermaidAssertions.assertWellFormed(flow.traceDiagram(order.orderNo())))
        .containsSubsequence("alt 支付失败", "PS->>OS: 更新订单状态为支付失败", "OS->>OS: 释放锁定库存")
        .contains("NS->>U: 发送支付失败通知");
  }

  // ------------------------------------------------------------------ alt 支付成功

  @Test
  void successCallbackFromWechatPaysTheOrderConfirmsStockOnceNotifiesAndStartsFulfilment() {
    Order order = order(2);
    PaymentStart start = pay(order);
    String paymentNo = start.payment().paymentNo();
    assertThat(jsapiSignatureValid(start.payParams())).isTrue();
    SimulatedOrder paid = sim.pay(paymentNo);

    CallbackAnswer answer = callback(sim.transactionNotification(paymentNo).build());
    settle();

    assertThat(answer.status()).isEqualTo(204);
    OrderRecord record = record(order);
    assertThat(record.order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(record.order().paidAt()).isNotNull();
    assertThat(record.payment(paymentNo).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(record.payment(paymentNo).orElseThrow().transactionId())
        .isEqualTo(paid.transactionId());
    assertThat(inventory.confirms(order.orderNo())).isEqualTo(1);
    assertThat(inventory.stock.sold(SKU)).isEqualTo(2);
    assertThat(inventory.stock.reserved(SKU)).isZero();
    assertThat(sms.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
    assertThat(push.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
    assertThat(fulfilled).extracting(Order::orderNo).containsExactly(order.orderNo());
    assertThat(events.of(OrderStatusChanged.class))
        .extracting(OrderStatusChanged::from, OrderStatusChanged::to)
        .containsExactly(
            tuple(OrderStatus.PENDING_PAYMENT, OrderStatus.PAID),
            tuple(OrderStatus.PAID, OrderStatus.FULFILLING));
    assertThat(sim.calls()).extracting(c -> c.endpoint()).containsExactly(Endpoint.JSAPI_PREPAY);
  }

  @Test
  void duplicateSuccessCallbackIsAcknowledgedAndChangesNothing() {
    Order order = order(1);
    String paymentNo = pay(order).payment().paymentNo();
    sim.pay(paymentNo);
    NotificationRequest notification = sim.transactionNotification(paymentNo).build();
    callback(notification);
    settle();
    OrderRecord afterFirst = record(order);

    CallbackAnswer again = callback(notification);
    CallbackAnswer rebuilt = callback(sim.transactionNotification(paymentNo).build());
    settle();

    assertThat(again.status()).isEqualTo(204);
    assertThat(rebuilt.status()).isEqualTo(204);
    assertThat(record(order)).isEqualTo(afterFirst);
    assertThat(inventory.confirms(order.orderNo())).isEqualTo(1);
    assertThat(sms.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
    assertThat(push.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
    assertThat(fulfilled).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Tamper.class)
  void tamperedSuccessCallbackGetsA4xxAndChangesNothing(Tamper tamper) {
    Order order = order(1);
    String paymentNo = pay(order).payment().paymentNo();
    sim.pay(paymentNo);
    OrderRecord before = record(order);

    CallbackAnswer answer = callback(sim.transactionNotification(paymentNo).tamper(tamper).build());
    settle();

    assertThat(answer.status()).isBetween(400, 499);
    assertThat(answer.body()).contains("\"code\":\"FAIL\"");
    assertThat(record(order)).isEqualTo(before);
    assertThat(inventory.confirms(order.orderNo())).isZero();
    assertThat(sms.delivered).isEmpty();
    assertThat(fulfilled).isEmpty();
    assertThat(events.of(CallbackRejected.class)).hasSize(1);
  }

  @Test
  void replayedStaleSuccessCallbackGetsA4xxAndChangesNothing() {
    Order order = order(1);
    String paymentNo = pay(order).payment().paymentNo();
    sim.pay(paymentNo);
    OrderRecord before = record(order);

    CallbackAnswer answer =
        callback(
            sim.transactionNotification(paymentNo)
                .timestamp(Instant.now().minus(Duration.ofMinutes(10)))
                .build());

    assertThat(answer.status()).isBetween(400, 499);
    assertThat(record(order)).isEqualTo(before);
  }

  @Test
  void traceOfAPaidOrderRendersTheReferenceDiagramWithItsSevenParticipants() {
    Order order = order(1);
    String paymentNo = pay(order).payment().paymentNo();
    sim.pay(paymentNo);
    callback(sim.transactionNotification(paymentNo).build());
    settle();

    String diagram = flow.traceDiagram(order.orderNo());

    List<String> lines = MermaidAssertions.assertWellFormed(diagram);
    assertThat(lines)
        .contains(
            "participant U as 用户",
            "participant FE as 前端",
            "participant API as API网关",
            "participant OS as 订单服务",
            "participant PS as 支付服务",
            "participant WP as 微信支付",
            "participant NS as 通知服务")
        .containsSubsequence(
            "alt 订单创建成功",
            "PS->>WP: 调用微信支付统一下单",
            "alt 微信下单成功",
            "WP-->>PS: 返回支付参数",
            "WP->>PS: 支付结果回调",
            "alt 支付成功",
            "PS->>OS: 更新订单状态为已支付",
            "OS->>OS: 扣减库存",
            "PS-->>WP: 确认回调处理成功",
            "par 并行处理")
        .contains("NS->>U: 发送支付成功短信", "NS->>FE: 推送支付成功消息", "OS->>OS: 触发发货流程");
  }

  // ------------------------------------------------------------------ around the branches

  @Test
  void validlySignedCallbackWithAnotherAmountIsNotTrustedAndTheQueryDecides() {
    Order order = order(1);
    String paymentNo = pay(order).payment().paymentNo();
    // WeChat signs a success of 1 fen for this payment number: made by re-placing the number at
    // the simulator with 1 fen, paying it and keeping the notification; then the simulator is put
    // back to the real order, unpaid.
    sim.reset();
    wechat.prepay(prepayOf(paymentNo, 1));
    sim.pay(paymentNo);
    NotificationRequest oneFen = sim.transactionNotification(paymentNo).build();
    sim.reset();
    wechat.prepay(prepayOf(paymentNo, order.totalAmount()));
    OrderRecord before = record(order);

    CallbackAnswer answer = callback(oneFen);
    settle();

    assertThat(answer.status()).isEqualTo(204);
    assertThat(sim.calls(Endpoint.QUERY_ORDER)).hasSize(1);
    assertThat(record(order).order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(record(order).payment(paymentNo).orElseThrow().status())
        .isEqualTo(before.payment(paymentNo).orElseThrow().status());
    assertThat(inventory.confirms(order.orderNo())).isZero();
    assertThat(fulfilled).isEmpty();
  }

  @Test
  void expiredOrderIsClosedAtWechatThenLocallyAndItsStockReleased() {
    Order order = order(2);
    String paymentNo = pay(order).payment().paymentNo();

    clock.advance(PayFlowConfig.DEFAULT_ORDER_EXPIRE_AFTER.plusMinutes(1));
    int closed = flow.closeExpiredOrders();
    settle();

    assertThat(closed).isEqualTo(1);
    assertThat(sim.order(paymentNo).orElseThrow().state()).isEqualTo(TradeState.CLOSED);
    assertThat(sim.calls(Endpoint.CLOSE_ORDER)).hasSize(1);
    OrderRecord record = record(order);
    assertThat(record.order().status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(record.payment(paymentNo).orElseThrow().status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(inventory.releases(order.orderNo())).isEqualTo(1);
    assertThat(inventory.stock.available(SKU)).isEqualTo(STOCK);
    assertThat(sms.deliveredTypes()).containsOnly(NotificationType.ORDER_CLOSED);
  }

  @Test
  void expiredOrderThatWechatSaysIsPaidTakesTheSuccessPathInstead() {
    Order order = order(1);
    String paymentNo = pay(order).payment().paymentNo();
    sim.pay(paymentNo); // paid at the last second; its callback has not come yet

    clock.advance(PayFlowConfig.DEFAULT_ORDER_EXPIRE_AFTER.plusMinutes(1));
    int closed = flow.closeExpiredOrders();
    settle();

    assertThat(closed).isZero();
    assertThat(sim.order(paymentNo).orElseThrow().state()).isEqualTo(TradeState.SUCCESS);
    assertThat(record(order).order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(inventory.confirms(order.orderNo())).isEqualTo(1);
    assertThat(inventory.releases(order.orderNo())).isZero();
  }

  @Test
  void refundOfAPaidOrderGoesToWechatAndItsCallbackCompletesIt() {
    Order order = order(2);
    String paymentNo = pay(order).payment().paymentNo();
    sim.pay(paymentNo);
    callback(sim.transactionNotification(paymentNo).build());
    settle();

    Refund refund = flow.refund(order.orderNo(), PRICE, "少发一件");
    settle();
    SimulatedRefund atWechat = sim.refund(refund.refundNo()).orElseThrow();
    sim.completeRefund(refund.refundNo());
    CallbackAnswer answer = callback(sim.refundNotification(refund.refundNo()).build());
    settle();

    assertThat(atWechat.outTradeNo()).isEqualTo(paymentNo);
    assertThat(atWechat.refund()).isEqualTo(PRICE);
    assertThat(answer.status()).isEqualTo(204);
    OrderRecord record = record(order);
    assertThat(record.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(record.order().refundedAmount()).isEqualTo(PRICE);
    assertThat(record.refund(refund.refundNo()).orElseThrow().status())
        .isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(sms.deliveredTypes())
        .containsExactly(NotificationType.PAYMENT_SUCCEEDED, NotificationType.REFUNDED);
  }

  @Test
  void startingPaymentAgainResumesTheWechatOrderWithFreshlySignedParams() {
    Order order = order(1);
    PaymentStart first = pay(order);

    PaymentStart again = pay(order);

    assertThat(again.resumed()).isTrue();
    assertThat(again.payment().paymentNo()).isEqualTo(first.payment().paymentNo());
    assertThat(sim.calls(Endpoint.JSAPI_PREPAY)).hasSize(1);
    assertThat(again.payParams().get("package")).isEqualTo(first.payParams().get("package"));
    assertThat(jsapiSignatureValid(again.payParams())).isTrue();
  }

  // ------------------------------------------------------------------ helpers

  private Order order(long quantity) {
    return flow.createOrder(
        CreateOrderRequest.of("user-1", List.of(new OrderLine(SKU, (int) quantity, PRICE))));
  }

  private PaymentStart pay(Order order) {
    return flow.startPayment(
        new StartPaymentRequest(
            order.orderNo(), WechatPayChannel.ID, TradeType.JSAPI, OPENID, null));
  }

  private PrepayRequest prepayOf(String paymentNo, long amount) {
    return new PrepayRequest(
        paymentNo,
        "ORDER",
        TradeType.JSAPI,
        amount,
        "Coffee x1",
        Instant.now().plus(Duration.ofMinutes(30)),
        OPENID,
        null);
  }

  /** What the host's callback controller does: raw body and headers, straight to payflow. */
  private CallbackAnswer callback(NotificationRequest notification) {
    return flow.handleCallback(
        WechatPayChannel.ID, new CallbackRequest(notification.body(), notification.headers()));
  }

  private OrderRecord record(Order order) {
    return store.load(order.orderNo()).orElseThrow();
  }

  private void settle() {
    try {
      assertThat(flow.awaitEffects(Duration.ofSeconds(10))).as("effects finished").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for effects", e);
    }
  }

  private static boolean jsapiSignatureValid(Map<String, String> pay) {
    String message =
        pay.get("appId")
            + "\n"
            + pay.get("timeStamp")
            + "\n"
            + pay.get("nonceStr")
            + "\n"
            + pay.get("package")
            + "\n";
    return TestKeys.verify(sim.merchantPublicKey(), message, pay.get("paySign"));
  }
}
