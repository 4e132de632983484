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
 * as the payer: order creation fails; WeChat prepay fails; payment fails; payment succeeds. Writes
 * each scenario's Mermaid diagram to {@code <out>/<name>.mmd} and prints one verdict line each.
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

  /** The scenarios in the order of the diagram's branches, innermost success last. */
  public static final List<String> SCENARIOS =
      List.of("order-creation-fails", "wechat-prepay-fails", "payment-fails", "payment-succeeds");

  /** How long the asynchronous part (callback, effects) may take before a scenario fails. */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

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
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
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
