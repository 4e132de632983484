package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.Notification;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.PriceCatalog;
import io.payflow.wechat.testkit.DeliveryResult;
import io.payflow.wechat.testkit.Tamper;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A shop on Spring Boot with the starter's auto-configuration, its own notifier and inventory, and
 * the WeChat channel pointed at the simulator by properties alone: an order is created and paid,
 * the simulator's signed callback reaches {@code /payflow/wechat/notify}, and the order is paid; a
 * tampered callback is refused and changes nothing.
 *
 * <p>This is the README's "Testing your integration" recipe: the simulator extension starts before
 * the application context, {@code @DynamicPropertySource} points {@code payflow.wechat.*} at it,
 * and once the app listens on its random port the simulator is told where to send callbacks.
 */
@SpringBootTest(
    classes = PayFlowEndToEndTests.Shop.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "payflow.scheduling.enabled=false",
      "management.endpoint.health.show-details=always",
      "management.endpoints.web.exposure.include=health,payflow"
    })
class PayFlowEndToEndTests {

  @RegisterExtension
  static final WechatPaySimulatorExtension SIM = WechatPaySimulatorExtension.create();

  @DynamicPropertySource
  static void wechatFromTheSimulator(DynamicPropertyRegistry registry) {
    registry.add("payflow.wechat.mch-id", SIM::merchantId);
    registry.add("payflow.wechat.app-id", SIM::appId);
    registry.add("payflow.wechat.merchant-serial-number", SIM::merchantSerialNumber);
    registry.add("payflow.wechat.private-key", SIM::merchantPrivateKeyPem);
    registry.add("payflow.wechat.api-v3-key", SIM::apiV3Key);
    registry.add("payflow.wechat.verification", () -> "public-key");
    registry.add("payflow.wechat.public-key-id", SIM::platformPublicKeyId);
    registry.add("payflow.wechat.public-key", SIM::platformPublicKeyPem);
    registry.add(
        "payflow.wechat.notify-url", () -> "https://shop.example.com/payflow/wechat/notify");
    registry.add("payflow.wechat.base-url", SIM::baseUrl);
  }

  /** The host's notifier: records what it was asked to send. */
  static final class RecordingNotifier implements Notifier {
    final List<Notification> sent = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "sms";
    }

    @Override
    public void send(Notification notification) {
      sent.add(notification);
    }
  }

  /**
   * The host's inventory: stocked in memory, and records which orders had their stock confirmed.
   */
  static final class ShopInventory implements InventoryService {
    final InMemoryInventoryService stock = new InMemoryInventoryService().stock("SKU-1", 100);
    final Set<String> confirmed = ConcurrentHashMap.newKeySet();

    @Override
    public void reserve(String orderNo, List<OrderLine> lines) {
      stock.reserve(orderNo, lines);
    }

    @Override
    public void confirm(String orderNo) {
      stock.confirm(orderNo);
      confirmed.add(orderNo);
    }

    @Override
    public void release(String orderNo) {
      stock.release(orderNo);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Shop {
    @Bean
    RecordingNotifier smsNotifier() {
      return new RecordingNotifier();
    }

    @Bean
    ShopInventory shopInventory() {
      return new ShopInventory();
    }

    @Bean
    PriceCatalog priceCatalog() {
      return sku -> "SKU-1".equals(sku) ? OptionalLong.of(2_50) : OptionalLong.empty();
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired PayFlow payFlow;
  @Autowired RecordingNotifier notifier;
  @Autowired ShopInventory inventory;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void callbacksGoToThisApp() {
    // The prepay carries the https notify-url above; WeChat would post there, the simulator here.
    SIM.overrideNotifyUrl("http://127.0.0.1:" + port + "/payflow/wechat/notify");
  }

  private PaymentStart orderAndPrepay() {
    Order order =
        payFlow.createOrder(
            CreateOrderRequest.of("user-1", List.of(new OrderLine("SKU-1", 2, 2_50))));
    PaymentStart start =
        payFlow.startPayment(
            new StartPaymentRequest(
                order.orderNo(), "wechat", TradeType.NATIVE, null, "127.0.0.1"));
    assertThat(SIM.order(start.payment().paymentNo())).isPresent();
    return start;
  }

  private OrderStatus statusOf(String orderNo) {
    return payFlow.find(orderNo).orElseThrow().order().status();
  }

  @Test
  void aSignedCallbackMarksTheOrderPaidAndTheHostsBeansDoTheRest() {
    PaymentStart start = orderAndPrepay();
    String orderNo = start.payment().orderNo();

    DeliveryResult answer = SIM.payAndNotify(start.payment().paymentNo());

    assertThat(answer.acknowledged())
        .as("answer %s %s", answer.status(), answer.responseBody())
        .isTrue();
    assertThat(statusOf(orderNo)).isIn(OrderStatus.PAID, OrderStatus.FULFILLING);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(notifier.sent)
                  .anySatisfy(
                      n -> {
                        assertThat(n.order().orderNo()).isEqualTo(orderNo);
                        assertThat(n.type()).isEqualTo(NotificationType.PAYMENT_SUCCEEDED);
                      });
              assertThat(inventory.confirmed).contains(orderNo);
            });
    assertThat(meters.find("payflow.order.transitions").tag("to", "PAID").counter())
        .isNotNull()
        .satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1.0));
  }

  @Test
  void aTamperedCallbackGetsA4xxAndChangesNothing() {
    PaymentStart start = orderAndPrepay();
    String orderNo = start.payment().orderNo();
    SIM.pay(start.payment().paymentNo());

    DeliveryResult answer =
        SIM.deliver(
            SIM.transactionNotification(start.payment().paymentNo())
                .tamper(Tamper.BODY_CHANGED_AFTER_SIGNING)
                .build());

    assertThat(answer.status()).isBetween(400, 499);
    assertThat(statusOf(orderNo)).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(inventory.confirmed).doesNotContain(orderNo);
    assertThat(notifier.sent).noneMatch(n -> n.order().orderNo().equals(orderNo));
    assertThat(meters.find("payflow.callbacks.rejected").tag("channel", "wechat").counter())
        .isNotNull()
        .satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1.0));
  }

  @Test
  void actuatorHealthShowsPayflow() throws Exception {
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"payflow\"")
        .contains("\"deadEffects\"")
        .contains("\"stuckPayments\"");
  }

  @Test
  void theExposedPayflowEndpointShowsTheStoreAnOrderAndRetriesOverHttp() throws Exception {
    String orderNo = orderAndPrepay().payment().orderNo();
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port + "/actuator/payflow";

    HttpResponse<String> overview =
        http.send(
            HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> order =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/" + orderNo)).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/NO-SUCH-ORDER")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> retry =
        http.send(
            HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"effectId\":\"NO-SUCH-EFFECT\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body())
        .contains("\"counts\"")
        .contains("\"PENDING_PAYMENT\"")
        .contains("\"awaitingPayments\"")
        .contains(orderNo);
    assertThat(order.statusCode()).isEqualTo(200);
    assertThat(order.body()).contains("\"trace\":\"sequenceDiagram").contains(orderNo);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.body()).contains("\"retried\":false");
  }
}
