package io.payflow.examples.plain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.payflow.core.CreateOrderRequest;
import io.payflow.core.OrderDetails;
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
import io.payflow.core.model.TradeType;
import io.payflow.core.schedule.PayFlowScheduler;
import io.payflow.core.schedule.SchedulerConfig;
import io.payflow.core.spi.Notification;
import io.payflow.core.spi.Notifier;
import io.payflow.wechat.VerificationMode;
import io.payflow.wechat.WechatPayChannel;
import io.payflow.wechat.WechatPayConfig;
import io.payflow.wechat.testkit.DeliveryResult;
import io.payflow.wechat.testkit.WechatPaySimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A shop backend with no framework at all: {@code PayFlow} on its in-memory defaults, the WeChat
 * Pay channel pointed at the local simulator, the core's {@link PayFlowScheduler} for expiry,
 * reconciliation and effect sweeps, and the JDK's own HTTP server as the callback endpoint. It
 * sells one pot of tea, lets the simulated buyer pay, and prints what happened to the order, ending
 * with the order's flow trace as a Mermaid diagram.
 *
 * <p>Run from the repository root (the demo jar starts any main class with {@code -Dloader.main}):
 *
 * <pre>
 * mvn -B -ntp -pl payflow-examples -am package -DskipTests
 * java -Dloader.main=io.payflow.examples.plain.PlainJavaShop -jar payflow-examples/target/payflow-examples-0.1.0-SNAPSHOT.jar
 * </pre>
 *
 * <p>With a real merchant account, replace the simulator's keys with the merchant's and leave out
 * {@code baseUrl}; the notify URL is then the https address WeChat Pay reaches this server at.
 */
public final class PlainJavaShop {

  static final String SKU = "TEA-1";
  static final long PRICE = 19_99;
  static final String CALLBACK_PATH = "/payflow/wechat/notify";

  private PlainJavaShop() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /**
   * Sells one order, pays it through the simulator and prints what happened.
   *
   * @param out where to print
   * @return what happened to the order, as payflow holds it at the end
   * @throws Exception if the shop could not start or stop
   */
  public static OrderDetails run(PrintStream out) throws Exception {
    try (WechatPaySimulator wechatPay = WechatPaySimulator.builder().build().start()) {
      InMemoryInventoryService inventory = new InMemoryInventoryService().stock(SKU, 10);
      List<String> sent = new CopyOnWriteArrayList<>();
      WechatPayChannel wechat = WechatPayChannel.create(wechatConfig(wechatPay));
      PayFlow payFlow =
          PayFlow.builder()
              .orderStore(new InMemoryOrderStore())
              .inventory(inventory)
              .priceCatalog(new InMemoryPriceCatalog().price(SKU, PRICE))
              .fulfillment(order -> sent.add("fulfilment started for " + order.orderNo()))
              .notifier(new PrintingNotifier(sent))
              .channel(wechat)
              .build();
      PayFlowScheduler scheduler = PayFlowScheduler.start(payFlow, SchedulerConfig.ofDefaults());
      HttpServer callbacks = callbackEndpoint(payFlow);
      try {
        // WeChat Pay would post to the https notify URL; the simulator posts here instead.
        wechatPay.overrideNotifyUrl(
            "http://127.0.0.1:" + callbacks.getAddress().getPort() + CALLBACK_PATH);
        return sellOneOrder(out, payFlow, wechatPay, inventory, sent);
      } finally {
        callbacks.stop(0);
        scheduler.close();
        payFlow.close();
      }
    }
  }

  private static OrderDetails sellOneOrder(
      PrintStream out,
      PayFlow payFlow,
      WechatPaySimulator wechatPay,
      InMemoryInventoryService inventory,
      List<String> sent)
      throws InterruptedException {
    Order order =
        payFlow.createOrder(
            CreateOrderRequest.of("buyer-1", List.of(new OrderLine(SKU, 1, PRICE))));
    out.printf(
        "order %s created: %d fen, %s; %s stock %d available, %d reserved%n",
        order.orderNo(),
        order.totalAmount(),
        order.status(),
        SKU,
        inventory.available(SKU),
        inventory.reserved(SKU));

    PaymentStart start =
        payFlow.startPayment(
            new StartPaymentRequest(
                order.orderNo(), WechatPayChannel.ID, TradeType.NATIVE, null, null));
    String paymentNo = start.payment().paymentNo();
    out.printf(
        "payment %s started at WeChat Pay: scan %s%n",
        paymentNo, start.payParams().get("code_url"));

    DeliveryResult callback = wechatPay.payAndNotify(paymentNo);
    out.printf(
        "the buyer paid; WeChat Pay's callback was answered %d (%s)%n",
        callback.status(), callback.acknowledged() ? "acknowledged" : "refused");

    payFlow.awaitEffects(Duration.ofSeconds(10));
    OrderDetails details = payFlow.find(order.orderNo()).orElseThrow();
    out.printf(
        "order %s is %s; %s stock %d available, %d sold%n",
        order.orderNo(),
        details.order().status(),
        SKU,
        inventory.available(SKU),
        inventory.sold(SKU));
    sent.forEach(line -> out.println("  " + line));
    out.println();
    out.println("What happened, as a Mermaid sequence diagram:");
    out.println(payFlow.traceDiagram(order.orderNo()));
    return details;
  }

  /** The simulator's merchant, keys and address: what a shop copies from its merchant platform. */
  static WechatPayConfig wechatConfig(WechatPaySimulator wechatPay) {
    return WechatPayConfig.builder()
        .merchantId(wechatPay.merchantId())
        .appId(wechatPay.appId())
        .merchantSerialNumber(wechatPay.merchantSerialNumber())
        .merchantPrivateKey(wechatPay.merchantPrivateKeyPem())
        .apiV3Key(wechatPay.apiV3Key())
        .verificationMode(VerificationMode.PUBLIC_KEY)
        .wechatPayPublicKeyId(wechatPay.platformPublicKeyId())
        .wechatPayPublicKey(wechatPay.platformPublicKeyPem())
        .notifyUrl("https://shop.example.com" + CALLBACK_PATH)
        .baseUrl(wechatPay.baseUrl())
        .build();
  }

  /** The callback endpoint: the raw body and headers to payflow, its answer back to WeChat Pay. */
  static HttpServer callbackEndpoint(PayFlow payFlow) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        CALLBACK_PATH,
        exchange -> {
          try (exchange) {
            CallbackAnswer answer =
                payFlow.handleCallback(
                    WechatPayChannel.ID, new CallbackRequest(body(exchange), headers(exchange)));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
              try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
              }
            }
          }
        });
    server.start();
    return server;
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
    return headers;
  }

  /** A notifier that writes down what it would send (an SMS, a push) instead of sending it. */
  private record PrintingNotifier(List<String> sent) implements Notifier {
    @Override
    public String name() {
      return "sms";
    }

    @Override
    public void send(Notification notification) {
      sent.add(
          "sms to "
              + notification.order().userId()
              + ": "
              + notification.type()
              + " for order "
              + notification.order().orderNo());
    }
  }
}
