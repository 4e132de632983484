package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.testing.MutableClock;
import io.payflow.core.testing.RecordingNotifier;
import io.payflow.wechat.VerificationMode;
import io.payflow.wechat.WechatPayChannel;
import io.payflow.wechat.WechatPayConfig;
import io.payflow.wechat.testkit.NotificationRequest;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shop's end-to-end payment test as a host writes it: {@code PayFlow} with the real WeChat Pay
 * channel pointed at the simulator, a {@link RecordingNotifier} for the buyer's messages and a
 * {@link MutableClock}. The WeChat callback reaches {@link PayFlow#handleCallback} as the shop's
 * controller would pass it on: raw body and headers, signed and encrypted by the simulator.
 */
class CheckoutWithWechatPayTest {

  private static final String SKU = "BEANS-1KG";
  private static final long PRICE = 88_00;
  private static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  @RegisterExtension
  static final WechatPaySimulatorExtension wechatPay = WechatPaySimulatorExtension.create();

  // Starts at the real time: WeChat Pay signs callbacks with real timestamps; a test moves it on.
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final InMemoryInventoryService inventory = new InMemoryInventoryService().stock(SKU, 5);
  private final RecordingNotifier sms = new RecordingNotifier("sms", Notifier.Audience.USER);
  private final List<Order> shipped = new CopyOnWriteArrayList<>();
  private PayFlow payFlow;

  @BeforeEach
  void openTheShop() {
    WechatPayChannel wechat =
        WechatPayChannel.create(
            WechatPayConfig.builder()
                .merchantId(wechatPay.merchantId())
                .appId(wechatPay.appId())
                .merchantSerialNumber(wechatPay.merchantSerialNumber())
                .merchantPrivateKey(wechatPay.merchantPrivateKeyPem())
                .apiV3Key(wechatPay.apiV3Key())
                .verificationMode(VerificationMode.PUBLIC_KEY)
                .wechatPayPublicKeyId(wechatPay.platformPublicKeyId())
                .wechatPayPublicKey(wechatPay.platformPublicKeyPem())
                .notifyUrl("https://shop.example.com/payflow/wechat/notify")
                .baseUrl(wechatPay.baseUrl())
                .build());
    payFlow =
        PayFlow.builder()
            .orderStore(new InMemoryOrderStore())
            .inventory(inventory)
            .priceCatalog(new InMemoryPriceCatalog().price(SKU, PRICE))
            .fulfillment(shipped::add)
            .notifier(sms)
            .channel(wechat)
            .clock(clock)
            .build();
  }

  @AfterEach
  void closeTheShop() {
    payFlow.close();
  }

  @Test
  void buyerWhoPaysWithWechatGetsTheOrderFulfilledTheStockSoldAndAnSms()
      throws InterruptedException {
    Order order =
        payFlow.createOrder(
            CreateOrderRequest.of("buyer-7", List.of(new OrderLine(SKU, 2, PRICE))));
    PaymentStart start =
        payFlow.startPayment(
            new StartPaymentRequest(
                order.orderNo(), WechatPayChannel.ID, TradeType.JSAPI, OPENID, null));
    String paymentNo = start.payment().paymentNo();
    assertThat(wechatPay.order(paymentNo).orElseThrow().state()).isEqualTo(TradeState.NOTPAY);

    wechatPay.pay(paymentNo);
    NotificationRequest callback = wechatPay.transactionNotification(paymentNo).build();
    CallbackAnswer answer =
        payFlow.handleCallback(
            WechatPayChannel.ID, new CallbackRequest(callback.body(), callback.headers()));
    assertThat(payFlow.awaitEffects(Duration.ofSeconds(10))).isTrue();

    assertThat(answer.status()).as("204: WeChat Pay v3's acknowledgement").isEqualTo(204);
    var paid = payFlow.find(order.orderNo()).orElseThrow();
    // Paid, and handed to fulfilment at once: FULFILLING is the state after PAID.
    assertThat(paid.order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(paid.payments())
        .singleElement()
        .extracting(p -> p.status())
        .isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(inventory.sold(SKU)).isEqualTo(2);
    assertThat(inventory.available(SKU)).isEqualTo(3);
    assertThat(shipped).extracting(Order::orderNo).containsExactly(order.orderNo());
    assertThat(sms.deliveredTypes()).contains(NotificationType.PAYMENT_SUCCEEDED);
  }

  @Test
  void orderNobodyPaysExpiresWhenTheClockPassesItsDeadlineAndItsStockComesBack() {
    Order order =
        payFlow.createOrder(
            CreateOrderRequest.of("buyer-8", List.of(new OrderLine(SKU, 1, PRICE))));
    assertThat(inventory.available(SKU)).isEqualTo(4);

    clock.advance(payFlow.config().orderExpireAfter().plusMinutes(1));
    int closed = payFlow.closeExpiredOrders();

    assertThat(closed).isEqualTo(1);
    assertThat(payFlow.find(order.orderNo()).orElseThrow().order().status())
        .isEqualTo(OrderStatus.CLOSED);
    assertThat(inventory.available(SKU)).isEqualTo(5);
  }
}
