package io.payflow.examples.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.payflow.core.trace.Participant;
import io.payflow.examples.DemoShopApplication;
import io.payflow.examples.scenario.ShopClient.Answer;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.Fault;
import io.payflow.wechat.testkit.WechatPaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Plays the four {@code alt} branches of the reference order-payment diagram against a freshly
 * started demo shop, as its front end would (over HTTP), with the in-process WeChat Pay simulator
 * as the payer: order creation fails; WeChat prepay fails; payment fails; payment succeeds. Then
 * the rest of the lifecycle: an order cancelled, paid again after a refused prepay, refunded in two
 * parts, and paid without a callback (settled by reconciliation). Writes each scenario's Mermaid
 * diagram to {@code <out>/<name>.mmd} and prints one verdict line each.
 *
 * <p>Run from the repository root after {@code mvn -pl payflow-examples -am package -DskipTests}:
 *
 * <pre>
 * java -Dloader.main=io.payflow.examples.scenario.ScenarioRunner \
 *     -jar payflow-examples/target/payflow-examples-0.1.0-SNAPSHOT.jar [out-dir]
 * </pre>
 *
 * Exits with 1 if a scenario failed.
 */
public final class ScenarioRunner {

  /**
   * The scenarios: the diagram's four branches, innermost success last, then the rest of the
   * lifecycle.
   */
  public static final List<String> SCENARIOS =
      List.of(
          "order-creation-fails",
          "wechat-prepay-fails",
          "payment-fails",
          "payment-succeeds",
          "order-cancelled",
          "pay-again-after-prepay-fails",
          "refund",
          "lost-callback-reconciled");

  /** How long the asynchronous part (callback, effects) may take before a scenario fails. */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

  /**
   * How long a payment without a callback may wait for reconciliation: the demo queries WeChat
   * about a payment silent for {@code payflow.reconcile.query-after} (5 s), every second.
   */
  private static final Duration RECONCILE_TIMEOUT = Duration.ofSeconds(30);

  private final ShopClient shop;
  private final WechatPaySimulator simulator;
  private final Path out;

  ScenarioRunner(String baseUrl, WechatPaySimulator simulator, Path out) {
    this.shop = new ShopClient(baseUrl);
    this.simulator = simulator;
    this.out = out;
  }

  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "scenarios-out");
    List<ScenarioResult> results = runAll(out);
    results.forEach(r -> System.out.println(r.line()));
    long failed = results.stream().filter(r -> !r.passed()).count();
    System.out.println((results.size() - failed) + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  /** Starts the demo shop on a free port with the simulator on, plays every scenario, stops it. */
  public static List<ScenarioResult> runAll(Path out) {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(DemoShopApplication.class)
            // As arguments, so that they win over application.properties (port 8080 may be taken).
            .run(
                "--server.port=0",
                "--payflow.examples.simulator.enabled=true",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      return new ScenarioRunner(
              "http://127.0.0.1:" + port, app.getBean(WechatPaySimulator.class), out)
          .runAll();
    }
  }

  List<ScenarioResult> runAll() {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ScenarioResult> results = new ArrayList<>();
    results.add(play("order-creation-fails", this::orderCreationFails));
    results.add(play("wechat-prepay-fails", this::prepayFails));
    results.add(play("payment-fails", this::paymentFails));
    results.add(play("payment-succeeds", this::paymentSucceeds));
    results.add(play("order-cancelled", this::orderCancelled));
    results.add(play("pay-again-after-prepay-fails", this::payAgainAfterPrepayFails));
    results.add(play("refund", this::refund));
    results.add(play("lost-callback-reconciled", this::lostCallbackReconciled));
    return results;
  }

  /** What a scenario hands back: its diagram and, if all went to plan, no problem. */
  private record Outcome(String diagram, List<String> problems, String summary) {}

  @FunctionalInterface
  private interface Scenario {
    Outcome play(String name);
  }

  private ScenarioResult play(String name, Scenario scenario) {
    Path file = out.resolve(name + ".mmd");
    try {
      Outcome outcome = scenario.play(name);
      Files.writeString(file, outcome.diagram(), StandardCharsets.UTF_8);
      List<String> problems = new ArrayList<>(outcome.problems());
      List<String> missing =
          Arrays.stream(Participant.values())
              .map(Participant::label)
              .filter(label -> !outcome.diagram().contains(label))
              .toList();
      if (!missing.isEmpty()) {
        problems.add("diagram lacks participant(s) " + missing);
      }
      return problems.isEmpty()
          ? new ScenarioResult(name, true, outcome.summary(), file)
          : new ScenarioResult(name, false, String.join("; ", problems), file);
    } catch (RuntimeException | IOException e) {
      return new ScenarioResult(name, false, "crashed: " + e, file);
    }
  }

  // alt 订单创建失败: more than the stock → 409, and nothing is locked.
  private Outcome orderCreationFails(String name) {
    long before = stock("SKU-1");
    Answer created = createOrder("SKU-1", (int) before + 1);
    List<String> problems = new ArrayList<>();
    expect(problems, created.status() == 409, "expected 409, got " + created);
    expect(
        problems,
        created.code().equals("INSUFFICIENT_STOCK"),
        "expected INSUFFICIENT_STOCK, got " + created.code());
    long after = stock("SKU-1");
    expect(problems, after == before, "stock moved from " + before + " to " + after);
    return new Outcome(
        creationFailedDiagram(created),
        problems,
        "409 " + created.code() + ", stock of SKU-1 still " + after);
  }

  // alt 微信下单失败: WeChat answers the prepay with an error → 502, the order stays payable.
  private Outcome prepayFails(String name) {
    String orderNo = createPaidLater();
    simulator.failNext(Endpoint.JSAPI_PREPAY, Fault.systemError());
    Answer payment = startPayment(orderNo);
    List<String> problems = new ArrayList<>();
    expect(problems, payment.status() == 502, "expected 502, got " + payment);
    expect(
        problems,
        payment.code().equals("PREPAY_FAILED"),
        "expected PREPAY_FAILED, got " + payment.code());
    JsonNode order = shop.get("/api/orders/" + orderNo).json();
    expect(
        problems,
        order.path("status").asText().equals("PENDING_PAYMENT"),
        "order should stay PENDING_PAYMENT, is " + order.path("status").asText());
    String diagram = trace(orderNo);
    expectSteps(problems, diagram, "调用微信支付统一下单", "微信下单失败", "返回错误信息");
    return new Outcome(
        diagram,
        problems,
        "order " + orderNo + " got 502 PREPAY_FAILED and stays " + order.path("status").asText());
  }

  // alt 支付失败: the payer's payment fails → PAYMENT_FAILED, stock released, the buyer told.
  private Outcome paymentFails(String name) {
    long before = stock("SKU-2");
    String orderNo = createOrder("SKU-2", 1).json().path("orderNo").asText();
    String paymentNo = startPayment(orderNo).json().path("paymentNo").asText();
    Answer callback = shop.post("/simulator/payments/" + paymentNo + "/fail", Map.of());
    List<String> problems = new ArrayList<>();
    expect(problems, callback.ok(), "simulator could not fail the payment: " + callback);
    JsonNode order =
        awaitOrder(
            orderNo,
            o ->
                o.path("status").asText().equals("PAYMENT_FAILED")
                    && o.path("stock").path("state").asText().equals("RELEASED")
                    && notified(o, "sms", "PAYMENT_FAILED"));
    expect(
        problems,
        order.path("status").asText().equals("PAYMENT_FAILED"),
        "order should be PAYMENT_FAILED, is " + order.path("status").asText());
    expect(
        problems,
        order.path("stock").path("state").asText().equals("RELEASED"),
        "stock should be RELEASED, is " + order.path("stock"));
    expect(problems, notified(order, "sms", "PAYMENT_FAILED"), "no PAYMENT_FAILED sms sent");
    long after = stock("SKU-2");
    expect(problems, after == before, "stock of SKU-2 " + before + " → " + after);
    String diagram = trace(orderNo);
    expectSteps(problems, diagram, "支付结果回调", "更新订单状态为支付失败", "发送支付失败通知");
    return new Outcome(
        diagram,
        problems,
        "order "
            + orderNo
            + " PAYMENT_FAILED, stock RELEASED (SKU-2 back to "
            + after
            + "), PAYMENT_FAILED sms sent");
  }

  // alt 支付成功: paid → stock confirmed, SMS and push in parallel, fulfilment → FULFILLING.
  private Outcome paymentSucceeds(String name) {
    long before = stock("SKU-3");
    String orderNo = createOrder("SKU-3", 2).json().path("orderNo").asText();
    String paymentNo = startPayment(orderNo).json().path("paymentNo").asText();
    Answer callback = shop.post("/simulator/payments/" + paymentNo + "/succeed", Map.of());
    List<String> problems = new ArrayList<>();
    expect(problems, callback.ok(), "simulator could not pay: " + callback);
    expect(
        problems,
        callback.json().path("callbackAcknowledged").asBoolean(),
        "the shop did not acknowledge the callback: " + callback);
    JsonNode order =
        awaitOrder(
            orderNo,
            o ->
                o.path("status").asText().equals("FULFILLING")
                    && o.path("stock").path("state").asText().equals("CONFIRMED")
                    && notified(o, "sms", "PAYMENT_SUCCEEDED")
                    && notified(o, "frontend-push", "PAYMENT_SUCCEEDED"));
    expect(
        problems,
        order.path("status").asText().equals("FULFILLING"),
        "order should be FULFILLING, is " + order.path("status").asText());
    expect(
        problems,
        order.path("stock").path("state").asText().equals("CONFIRMED"),
        "stock should be CONFIRMED, is " + order.path("stock"));
    expect(problems, notified(order, "sms", "PAYMENT_SUCCEEDED"), "no success sms sent");
    expect(
        problems,
        notified(order, "frontend-push", "PAYMENT_SUCCEEDED"),
        "no success push sent to the page");
    long after = stock("SKU-3");
    expect(problems, after == before - 2, "stock of SKU-3 " + before + " → " + after);
    String diagram = trace(orderNo);
    expectSteps(
        problems,
        diagram,
        "更新订单状态为已支付",
        "扣减库存",
        "par 并行处理",
        "NS->>U: 发送支付成功短信",
        "NS->>FE: 推送支付成功消息",
        "触发发货流程");
    return new Outcome(
        diagram,
        problems,
        "order "
            + orderNo
            + " PAID → FULFILLING, stock CONFIRMED (SKU-3 "
            + before
            + " → "
            + after
            + "), sms + frontend-push sent");
  }

  // 取消订单: the buyer cancels an unpaid order → closed at WeChat first, then CLOSED, stock released.
  private Outcome orderCancelled(String name) {
    long before = stock("SKU-2");
    String orderNo = createOrder("SKU-2", 1).json().path("orderNo").asText();
    String paymentNo = startPayment(orderNo).json().path("paymentNo").asText();
    Answer cancelled =
        shop.post("/api/orders/" + orderNo + "/cancel", Map.of("reason", "scenario: cancelled"));
    List<String> problems = new ArrayList<>();
    expect(problems, cancelled.status() == 200, "expected 200, got " + cancelled);
    JsonNode order =
        awaitOrder(
            orderNo,
            o ->
                o.path("status").asText().equals("CLOSED")
                    && o.path("stock").path("state").asText().equals("RELEASED")
                    && notified(o, "sms", "ORDER_CLOSED"),
            SETTLE_TIMEOUT);
    expect(
        problems,
        order.path("status").asText().equals("CLOSED"),
        "order should be CLOSED, is " + order.path("status").asText());
    expect(
        problems,
        order.path("stock").path("state").asText().equals("RELEASED"),
        "stock should be RELEASED, is " + order.path("stock"));
    String atWechat = simulator.order(paymentNo).map(o -> o.state().name()).orElse("?");
    expect(problems, atWechat.equals("CLOSED"), "WeChat should hold it CLOSED, holds " + atWechat);
    long after = stock("SKU-2");
    expect(problems, after == before, "stock of SKU-2 " + before + " → " + after);
    Answer payAfter = startPayment(orderNo);
    expect(
        problems,
        payAfter.code().equals("ORDER_NOT_PAYABLE"),
        "paying a cancelled order should be ORDER_NOT_PAYABLE, got " + payAfter);
    String diagram = trace(orderNo);
    expectSteps(problems, diagram, "关闭支付订单", "更新订单状态为已关闭", "释放锁定库存");
    return new Outcome(
        diagram,
        problems,
        "order "
            + orderNo
            + " CLOSED, payment "
            + paymentNo
            + " CLOSED at WeChat, stock RELEASED (SKU-2 back to "
            + after
            + ")");
  }

  // 微信下单失败 → 请重试: the retry gets a new payment number, and that one is paid.
  private Outcome payAgainAfterPrepayFails(String name) {
    String orderNo = createPaidLater();
    simulator.failNext(Endpoint.JSAPI_PREPAY, Fault.systemError());
    Answer refused = startPayment(orderNo);
    Answer retried = startPayment(orderNo);
    List<String> problems = new ArrayList<>();
    expect(problems, refused.status() == 502, "first prepay: expected 502, got " + refused);
    expect(problems, retried.ok(), "retry: expected 200, got " + retried);
    String paymentNo = retried.json().path("paymentNo").asText();
    Answer paid = shop.post("/simulator/payments/" + paymentNo + "/succeed", Map.of());
    expect(problems, paid.ok(), "simulator could not pay: " + paid);
    JsonNode order =
        awaitOrder(orderNo, o -> o.path("status").asText().equals("FULFILLING"), SETTLE_TIMEOUT);
    JsonNode payments = order.path("payments");
    expect(problems, payments.size() == 2, "expected 2 payments, got " + payments);
    String first = payments.path(0).path("paymentNo").asText();
    expect(
        problems,
        payments.path(0).path("status").asText().equals("PREPAY_FAILED"),
        "first payment should be PREPAY_FAILED: " + payments.path(0));
    expect(
        problems,
        !first.equals(paymentNo) && payments.path(1).path("status").asText().equals("SUCCEEDED"),
        "the retry should be a new payment that succeeded: " + payments);
    expect(
        problems,
        order.path("status").asText().equals("FULFILLING"),
        "order should be FULFILLING, is " + order.path("status").asText());
    String diagram = trace(orderNo);
    expectSteps(problems, diagram, "微信下单失败", "返回错误信息", "微信下单成功", "更新订单状态为已支付");
    return new Outcome(
        diagram,
        problems,
        "order "
            + orderNo
            + ": payment "
            + first
            + " PREPAY_FAILED, retried as "
            + paymentNo
            + " and paid → FULFILLING");
  }

  // 退款: part of a paid order, then the rest, each confirmed by WeChat's refund notification.
  private Outcome refund(String name) {
    String orderNo = createOrder("SKU-1", 2).json().path("orderNo").asText();
    String paymentNo = startPayment(orderNo).json().path("paymentNo").asText();
    shop.post("/simulator/payments/" + paymentNo + "/succeed", Map.of());
    List<String> problems = new ArrayList<>();
    JsonNode paid =
        awaitOrder(orderNo, o -> o.path("status").asText().equals("FULFILLING"), SETTLE_TIMEOUT);
    long total = paid.path("totalAmount").asLong();
    long part = total / 4;
    for (long amount : new long[] {part, total - part}) {
      Answer asked =
          shop.post(
              "/api/orders/" + orderNo + "/refunds",
              Map.of("amount", amount, "reason", "scenario: refund"));
      expect(
          problems, asked.status() == 201, "refund of " + amount + ": expected 201, got " + asked);
      String refundNo = asked.json().path("refundNo").asText();
      awaitOrder(orderNo, o -> refundIs(o, refundNo, "PROCESSING"), SETTLE_TIMEOUT);
      Answer done = shop.post("/simulator/refunds/" + refundNo + "/succeed", Map.of());
      expect(problems, done.ok(), "simulator could not complete " + refundNo + ": " + done);
      awaitOrder(orderNo, o -> refundIs(o, refundNo, "SUCCEEDED"), SETTLE_TIMEOUT);
    }
    JsonNode order =
        awaitOrder(
            orderNo,
            o -> o.path("status").asText().equals("REFUNDED") && notified(o, "sms", "REFUNDED"),
            SETTLE_TIMEOUT);
    expect(
        problems,
        order.path("status").asText().equals("REFUNDED"),
        "order should be REFUNDED, is " + order.path("status").asText());
    expect(
        problems,
        order.path("refundedAmount").asLong() == total,
        "refunded " + order.path("refundedAmount").asLong() + " of " + total + " fen");
    expect(problems, notified(order, "sms", "REFUNDED"), "no REFUNDED sms sent");
    String diagram = trace(orderNo);
    expectSteps(problems, diagram, "申请退款", "调用微信支付退款", "退款结果回调", "更新订单状态为部分退款", "更新订单状态为已退款");
    return new Outcome(
        diagram,
        problems,
        "order "
            + orderNo
            + " refunded "
            + part
            + " + "
            + (total - part)
            + " fen → REFUNDED, REFUNDED sms sent");
  }

  // 回调丢失 → 主动查单: WeChat took the money but its callback never came; the shop's scheduler
  // queries WeChat and settles the payment, and the callback that turns up late changes nothing.
  private Outcome lostCallbackReconciled(String name) {
    String orderNo = createOrder("SKU-1", 1).json().path("orderNo").asText();
    String paymentNo = startPayment(orderNo).json().path("paymentNo").asText();
    Answer silent =
        shop.post("/simulator/payments/" + paymentNo + "/succeed?callbacks=0", Map.of());
    List<String> problems = new ArrayList<>();
    expect(problems, silent.ok(), "simulator could not pay: " + silent);
    JsonNode order =
        awaitOrder(
            orderNo,
            o ->
                o.path("status").asText().equals("FULFILLING")
                    && notified(o, "sms", "PAYMENT_SUCCEEDED"),
            RECONCILE_TIMEOUT);
    expect(
        problems,
        order.path("status").asText().equals("FULFILLING"),
        "reconciliation should have settled the order; it is " + order.path("status").asText());
    Answer late = shop.post("/simulator/payments/" + paymentNo + "/callback", Map.of());
    expect(
        problems,
        late.json().path("callbackAcknowledged").asBoolean(),
        "the late callback should be acknowledged: " + late);
    JsonNode after = shop.get("/api/orders/" + orderNo).json();
    expect(
        problems,
        after.path("status").asText().equals("FULFILLING")
            && after.path("notifications").size() == order.path("notifications").size(),
        "the late callback changed the order: " + after);
    String diagram = trace(orderNo);
    expectSteps(problems, diagram, "查询支付结果", "返回支付结果", "更新订单状态为已支付", "触发发货流程");
    return new Outcome(
        diagram,
        problems,
        "order "
            + orderNo
            + " paid without a callback, settled by a query → FULFILLING; the late callback"
            + " changed nothing");
  }

  private static boolean refundIs(JsonNode order, String refundNo, String status) {
    for (JsonNode r : order.path("refunds")) {
      if (r.path("refundNo").asText().equals(refundNo)
          && r.path("status").asText().equals(status)) {
        return true;
      }
    }
    return false;
  }

  private String createPaidLater() {
    Answer created = createOrder("SKU-1", 1);
    if (created.status() != 201) {
      throw new IllegalStateException("could not create an order: " + created);
    }
    return created.json().path("orderNo").asText();
  }

  private Answer createOrder(String sku, int quantity) {
    long price = product(sku).path("price").asLong();
    return shop.post(
        "/api/orders",
        Map.of(
            "userId",
            "scenario-user",
            "items",
            List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", price))));
  }

  private Answer startPayment(String orderNo) {
    return shop.post(
        "/api/orders/" + orderNo + "/payments",
        Map.of("channel", "WECHAT_JSAPI", "openId", "o-scenario-user"));
  }

  private JsonNode product(String sku) {
    for (JsonNode p : shop.get("/api/products").json()) {
      if (p.path("sku").asText().equals(sku)) {
        return p;
      }
    }
    throw new IllegalStateException("the shop does not sell " + sku);
  }

  private long stock(String sku) {
    return product(sku).path("stock").asLong();
  }

  private String trace(String orderNo) {
    Answer trace = shop.get("/api/orders/" + orderNo + "/trace");
    if (!trace.ok()) {
      throw new IllegalStateException("no trace for " + orderNo + ": " + trace);
    }
    return trace.text();
  }

  /**
   * Polls the order until it matches or the timeout passes: the callback returns before payflow's
   * effects (stock, notifications, fulfilment) have run.
   */
  private JsonNode awaitOrder(String orderNo, Predicate<JsonNode> done) {
    return awaitOrder(orderNo, done, SETTLE_TIMEOUT);
  }

  private JsonNode awaitOrder(String orderNo, Predicate<JsonNode> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode order = shop.get("/api/orders/" + orderNo).json();
    while (!done.test(order) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      order = shop.get("/api/orders/" + orderNo).json();
    }
    return order;
  }

  private static boolean notified(JsonNode order, String notifier, String type) {
    for (JsonNode n : order.path("notifications")) {
      if (n.path("notifier").asText().equals(notifier)
          && n.path("type").asText().equals(type)
          && n.path("sent").asBoolean()) {
        return true;
      }
    }
    return false;
  }

  /** The reference diagram's words for the steps this branch must show. */
  private static void expectSteps(List<String> problems, String diagram, String... steps) {
    List<String> missing = Arrays.stream(steps).filter(step -> !diagram.contains(step)).toList();
    expect(problems, missing.isEmpty(), "diagram lacks step(s) " + missing);
  }

  private static void expect(List<String> problems, boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
  }

  /**
   * No order exists when creation fails, so payflow holds no trace of it: the runner draws what it
   * saw as the front end, with the reference diagram's participants and words.
   */
  static String creationFailedDiagram(Answer answer) {
    String participants =
        Arrays.stream(Participant.values())
            .map(p -> "    participant " + p.alias() + " as " + p.label())
            .collect(Collectors.joining("\n"));
    String reason = answer.json().path("message").asText(answer.text()).replace(';', ',');
    return "sequenceDiagram\n"
        + participants
        + "\n"
        + "    U->>FE: 点击立即支付\n"
        + "    FE->>API: 提交订单支付请求\n"
        + "    API->>OS: 创建订单\n"
        + "    alt 订单创建失败\n"
        + "        OS-->>API: 返回创建失败 ("
        + answer.code()
        + ")\n"
        + "        API-->>FE: 返回错误信息 ("
        + answer.status()
        + ")\n"
        + "        FE-->>U: 提示订单创建失败\n"
        + "        Note over OS: "
        + reason
        + "\n"
        + "    end\n"
        + "    Note over U,NS: no order was created: drawn by the scenario runner from the API's"
        + " answer\n";
  }
}
