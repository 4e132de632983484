package io.payflow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.Fault;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.WechatPaySimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The demo's REST API end to end: the real starter, the real WeChat channel and the in-process
 * simulator, over HTTP. The shop's stock is shared by the tests of this class, so each test reads
 * the stock it starts from instead of assuming the seed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoShopApiTest {

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired WechatPaySimulator simulator;

  @Test
  void productsListTheSeededSkusWithNamePriceAndStock() {
    JsonNode products = http.getForObject("/api/products", JsonNode.class);

    assertThat(products).hasSize(4);
    assertThat(products.get(0).path("sku").asText()).isEqualTo("SKU-1");
    assertThat(products.get(0).path("name").asText()).contains("乌龙茶");
    assertThat(products.get(0).path("price").asLong()).isEqualTo(1999);
    assertThat(products.get(0).path("stock").isIntegralNumber()).isTrue();
  }

  @Test
  void createdOrderIs201WithNumberStatusTotalAndExpiryAndLocksStock() {
    long before = stock("SKU-1");

    ResponseEntity<JsonNode> created = createOrder("SKU-1", 2, 1999);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode body = created.getBody();
    assertThat(body.path("orderNo").asText()).isNotBlank();
    assertThat(body.path("status").asText()).isEqualTo("PENDING_PAYMENT");
    assertThat(body.path("totalAmount").asLong()).isEqualTo(3998);
    assertThat(body.path("expiresAt").asText()).isNotBlank();
    assertThat(created.getHeaders().getLocation())
        .hasToString("/api/orders/" + body.path("orderNo").asText());
    assertThat(stock("SKU-1")).isEqualTo(before - 2);
  }

  @Test
  void orderBeyondTheStockIs409InsufficientStock() {
    ResponseEntity<JsonNode> created = createOrder("SKU-4", 1000, 29900);

    assertError(created, HttpStatus.CONFLICT, "INSUFFICIENT_STOCK");
    assertThat(created.getBody().path("message").asText()).contains("wanted 1000");
  }

  @Test
  void orderAtAnOldPriceIs409StalePrice() {
    ResponseEntity<JsonNode> created = createOrder("SKU-1", 1, 1500);

    assertError(created, HttpStatus.CONFLICT, "STALE_PRICE");
  }

  @Test
  void invalidOrderIs400NamingTheFieldOfTheRequest() {
    ResponseEntity<JsonNode> created = createOrder("SKU-1", 0, 1999);

    assertError(created, HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
    assertThat(created.getBody().path("field").asText()).startsWith("items[0]");
  }

  @Test
  void paymentOfEachWechatKindReturnsItsPaymentNumberAndParams() {
    JsonNode jsapi = pay(newOrder(), Map.of("channel", "WECHAT_JSAPI", "openId", "o-1")).getBody();
    assertThat(jsapi.path("paymentNo").asText()).isNotBlank();
    assertThat(jsapi.path("params").path("package").asText()).startsWith("prepay_id=");
    assertThat(jsapi.path("params").path("paySign").asText()).isNotBlank();

    JsonNode nativePay = pay(newOrder(), Map.of("channel", "WECHAT_NATIVE")).getBody();
    assertThat(nativePay.path("params").toString()).contains("weixin://");

    ResponseEntity<JsonNode> app = pay(newOrder(), Map.of("channel", "WECHAT_APP"));
    assertThat(app.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(app.getBody().path("params").size()).isPositive();

    ResponseEntity<JsonNode> h5 =
        pay(newOrder(), Map.of("channel", "WECHAT_H5", "clientIp", "203.0.113.7"));
    assertThat(h5.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(h5.getBody().path("params").toString()).contains("http");
  }

  @Test
  void prepayRefusedByWechatIs502AndTheOrderStaysPayable() {
    String orderNo = newOrder();
    simulator.failNext(Endpoint.JSAPI_PREPAY, Fault.systemError());

    ResponseEntity<JsonNode> refused =
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"));

    assertError(refused, HttpStatus.BAD_GATEWAY, "PREPAY_FAILED");
    assertThat(refused.getBody().path("message").asText()).contains(orderNo);
    ResponseEntity<JsonNode> retry =
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"));
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void paymentOfUnknownOrderIs404() {
    ResponseEntity<JsonNode> answer =
        pay("NO-SUCH-ORDER", Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"));

    assertError(answer, HttpStatus.NOT_FOUND, "NOT_FOUND");
  }

  @Test
  void paymentWithAnUnknownChannelOrWithoutOpenIdIs400() {
    String orderNo = newOrder();

    assertError(
        pay(orderNo, Map.of("channel", "ALIPAY")), HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
    ResponseEntity<JsonNode> noOpenId = pay(orderNo, Map.of("channel", "WECHAT_JSAPI"));
    assertError(noOpenId, HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
    assertThat(noOpenId.getBody().path("field").asText()).isEqualTo("openId");
  }

  @Test
  void paidOrderShowsPaymentConfirmedStockNotificationsAndIsNoLongerPayable() {
    long before = stock("SKU-1");
    String orderNo = newOrder();
    String paymentNo =
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"))
            .getBody()
            .path("paymentNo")
            .asText();

    JsonNode callback =
        http.postForObject("/simulator/payments/" + paymentNo + "/succeed", null, JsonNode.class);

    assertThat(callback.path("callbackAcknowledged").asBoolean()).as(callback.toString()).isTrue();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              JsonNode order = http.getForObject("/api/orders/" + orderNo, JsonNode.class);
              assertThat(order.path("status").asText()).isEqualTo("FULFILLING");
              assertThat(order.path("stock").path("state").asText()).isEqualTo("CONFIRMED");
              assertThat(order.path("payments").get(0).path("status").asText())
                  .isEqualTo("SUCCEEDED");
              assertThat(order.path("payments").get(0).path("transactionId").asText()).isNotBlank();
              assertThat(order.path("notifications").findValuesAsText("notifier"))
                  .contains("sms", "frontend-push");
              assertThat(order.path("notifications").findValuesAsText("sent")).containsOnly("true");
            });
    assertThat(stock("SKU-1")).isEqualTo(before - 1);
    assertError(
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1")),
        HttpStatus.CONFLICT,
        "ORDER_NOT_PAYABLE");
    ResponseEntity<JsonNode> again =
        http.postForEntity("/simulator/payments/" + paymentNo + "/succeed", null, JsonNode.class);
    assertError(again, HttpStatus.CONFLICT, "PAYMENT_NOT_PENDING");
  }

  @Test
  void failedPaymentReleasesTheStockAndTellsTheBuyer() {
    long before = stock("SKU-2");
    String orderNo = createOrder("SKU-2", 1, 4500).getBody().path("orderNo").asText();
    String paymentNo =
        pay(orderNo, Map.of("channel", "WECHAT_NATIVE")).getBody().path("paymentNo").asText();

    ResponseEntity<JsonNode> callback =
        http.postForEntity("/simulator/payments/" + paymentNo + "/fail", null, JsonNode.class);

    assertThat(callback.getStatusCode()).isEqualTo(HttpStatus.OK);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              JsonNode order = http.getForObject("/api/orders/" + orderNo, JsonNode.class);
              assertThat(order.path("status").asText()).isEqualTo("PAYMENT_FAILED");
              assertThat(order.path("stock").path("state").asText()).isEqualTo("RELEASED");
              assertThat(order.path("notifications").findValuesAsText("type"))
                  .contains("PAYMENT_FAILED");
            });
    assertThat(stock("SKU-2")).isEqualTo(before);
  }

  @Test
  void unknownOrderIs404OnDetailsTraceAndEvents() {
    assertError(
        http.getForEntity("/api/orders/NO-SUCH-ORDER", JsonNode.class),
        HttpStatus.NOT_FOUND,
        "NOT_FOUND");
    HttpHeaders text = new HttpHeaders();
    text.setAccept(List.of(MediaType.TEXT_PLAIN));
    assertError(
        http.exchange(
            "/api/orders/NO-SUCH-ORDER/trace",
            HttpMethod.GET,
            new HttpEntity<>(text),
            JsonNode.class),
        HttpStatus.NOT_FOUND,
        "NOT_FOUND");
    HttpHeaders eventStream = new HttpHeaders();
    eventStream.setAccept(List.of(MediaType.TEXT_EVENT_STREAM));
    assertError(
        http.exchange(
            "/api/orders/NO-SUCH-ORDER/events",
            HttpMethod.GET,
            new HttpEntity<>(eventStream),
            JsonNode.class),
        HttpStatus.NOT_FOUND,
        "NOT_FOUND");
  }

  @Test
  void simulatorRefusesAPaymentItNeverSaw() {
    assertError(
        http.postForEntity("/simulator/payments/NO-SUCH-PAYMENT/succeed", null, JsonNode.class),
        HttpStatus.NOT_FOUND,
        "NOT_FOUND");
  }

  @Test
  void traceIsAMermaidSequenceDiagramAsPlainText() {
    String orderNo = newOrder();

    ResponseEntity<String> trace =
        http.getForEntity("/api/orders/" + orderNo + "/trace", String.class);

    assertThat(trace.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(trace.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
    assertThat(trace.getBody()).startsWith("sequenceDiagram").contains("订单服务");
  }

  @Test
  void eventStreamSendsTheStatusNowThenEveryChangeAsItHappens() {
    String orderNo = newOrder();
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/orders/" + orderNo + "/events"))
            .header("Accept", "text/event-stream")
            .build();
    CompletableFuture<HttpResponse<Void>> stream =
        HttpClient.newHttpClient()
            .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .thenApply(
                r -> {
                  r.body().forEach(lines::add);
                  return null;
                });
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lines.stream().anyMatch(l -> l.contains("PENDING_PAYMENT")));
      String paymentNo =
          pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"))
              .getBody()
              .path("paymentNo")
              .asText();
      http.postForObject("/simulator/payments/" + paymentNo + "/succeed", null, JsonNode.class);

      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(String.join("\n", lines))
                      .contains("event:status")
                      .contains("\"status\":\"PAID\"")
                      .contains("\"status\":\"FULFILLING\"")
                      .contains("event:notification")
                      .contains("PAYMENT_SUCCEEDED"));
    } finally {
      stream.cancel(true);
    }
  }

  @Test
  void cancelClosesTheOrderAtWechatReleasesTheStockAndASecondCancelChangesNothing() {
    long before = stock("SKU-2");
    String orderNo = createOrder("SKU-2", 1, 4500).getBody().path("orderNo").asText();
    String paymentNo =
        pay(orderNo, Map.of("channel", "WECHAT_NATIVE")).getBody().path("paymentNo").asText();

    ResponseEntity<JsonNode> cancelled =
        http.postForEntity(
            "/api/orders/" + orderNo + "/cancel",
            Map.of("reason", "changed my mind"),
            JsonNode.class);

    assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cancelled.getBody().path("status").asText()).isEqualTo("CLOSED");
    assertThat(cancelled.getBody().path("failureReason").asText()).isEqualTo("changed my mind");
    assertThat(cancelled.getBody().path("payments").get(0).path("status").asText())
        .isEqualTo("CLOSED");
    assertThat(simulator.order(paymentNo).orElseThrow().state()).isEqualTo(TradeState.CLOSED);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(stock("SKU-2")).isEqualTo(before));
    ResponseEntity<JsonNode> again =
        http.postForEntity("/api/orders/" + orderNo + "/cancel", null, JsonNode.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().path("status").asText()).isEqualTo("CLOSED");
    assertThat(again.getBody().path("failureReason").asText()).isEqualTo("changed my mind");
    assertError(
        pay(orderNo, Map.of("channel", "WECHAT_NATIVE")), HttpStatus.CONFLICT, "ORDER_NOT_PAYABLE");
  }

  @Test
  void cancellingAPaidOrderIs409AndAnUnknownOne404() {
    String orderNo = paidOrder();

    assertError(
        http.postForEntity("/api/orders/" + orderNo + "/cancel", null, JsonNode.class),
        HttpStatus.CONFLICT,
        "ILLEGAL_TRANSITION");
    assertError(
        http.postForEntity("/api/orders/NO-SUCH-ORDER/cancel", null, JsonNode.class),
        HttpStatus.NOT_FOUND,
        "NOT_FOUND");
  }

  @Test
  void payingAgainAfterARefusedPrepayGetsANewPaymentNumber() {
    String orderNo = newOrder();
    simulator.failNext(Endpoint.JSAPI_PREPAY, Fault.systemError());
    assertError(
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1")),
        HttpStatus.BAD_GATEWAY,
        "PREPAY_FAILED");

    JsonNode retried = pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1")).getBody();

    JsonNode payments =
        http.getForObject("/api/orders/" + orderNo, JsonNode.class).path("payments");
    assertThat(payments).hasSize(2);
    assertThat(payments.get(0).path("status").asText()).isEqualTo("PREPAY_FAILED");
    assertThat(payments.get(0).path("failureCode").asText()).isEqualTo("SYSTEM_ERROR");
    assertThat(retried.path("paymentNo").asText())
        .isEqualTo(payments.get(1).path("paymentNo").asText())
        .isNotEqualTo(payments.get(0).path("paymentNo").asText());
    assertThat(retried.path("status").asText()).isEqualTo("PREPAID");
  }

  @Test
  void partOfAPaidOrderIsRefundedThenTheRestAndTheOrderEndsRefunded() {
    String orderNo = paidOrder();

    ResponseEntity<JsonNode> first =
        http.postForEntity(
            "/api/orders/" + orderNo + "/refunds",
            Map.of("amount", 500, "reason", "one leaf too many"),
            JsonNode.class);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(first.getBody().path("amount").asLong()).isEqualTo(500);
    assertThat(first.getBody().path("reason").asText()).isEqualTo("one leaf too many");
    String firstNo = first.getBody().path("refundNo").asText();
    awaitRefund(orderNo, firstNo, "PROCESSING");
    assertThat(simulateRefund(firstNo, "succeed").getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode partly = awaitOrderStatus(orderNo, "PARTIALLY_REFUNDED");
    assertThat(partly.path("refundedAmount").asLong()).isEqualTo(500);
    assertError(
        http.postForEntity(
            "/api/orders/" + orderNo + "/refunds", Map.of("amount", 1500), JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "INVALID_REQUEST");

    String restNo =
        http.postForEntity(
                "/api/orders/" + orderNo + "/refunds", Map.of("amount", 1499), JsonNode.class)
            .getBody()
            .path("refundNo")
            .asText();
    awaitRefund(orderNo, restNo, "PROCESSING");
    simulateRefund(restNo, "succeed");

    JsonNode refunded = awaitOrderStatus(orderNo, "REFUNDED");
    assertThat(refunded.path("refundedAmount").asLong()).isEqualTo(1999);
    assertThat(refunded.path("refunds").findValuesAsText("status"))
        .containsExactly("SUCCEEDED", "SUCCEEDED");
    assertThat(refunded.path("refunds").get(1).path("reason").asText()).contains("refund");
  }

  @Test
  void anAbnormalOrClosedRefundFailsWithWechatsWordAndTheOrderCanBeRefundedAgain() {
    String orderNo = paidOrder();
    String abnormal = refund(orderNo, 300);
    awaitRefund(orderNo, abnormal, "PROCESSING");

    simulateRefund(abnormal, "abnormal");

    JsonNode order = awaitRefund(orderNo, abnormal, "FAILED");
    assertThat(order.path("refunds").get(0).path("failureReason").asText()).isEqualTo("ABNORMAL");
    assertThat(order.path("status").asText()).isEqualTo("FULFILLING");
    String closed = refund(orderNo, 300);
    awaitRefund(orderNo, closed, "PROCESSING");
    simulateRefund(closed, "closed");
    assertThat(
            awaitRefund(orderNo, closed, "FAILED")
                .path("refunds")
                .get(1)
                .path("failureReason")
                .asText())
        .isEqualTo("CLOSED");
    assertError(simulateRefund(closed, "succeed"), HttpStatus.CONFLICT, "REFUND_NOT_PROCESSING");
    assertError(simulateRefund(closed, "lost"), HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
    assertError(simulateRefund("NO-SUCH-REFUND", "succeed"), HttpStatus.NOT_FOUND, "NOT_FOUND");
  }

  @Test
  void refundOfAnUnpaidOrderIs409AndWithoutAnAmount400() {
    String orderNo = newOrder();

    assertError(
        http.postForEntity(
            "/api/orders/" + orderNo + "/refunds", Map.of("amount", 100), JsonNode.class),
        HttpStatus.CONFLICT,
        "ILLEGAL_TRANSITION");
    ResponseEntity<JsonNode> noAmount =
        http.postForEntity(
            "/api/orders/" + orderNo + "/refunds", Map.of("reason", "x"), JsonNode.class);
    assertError(noAmount, HttpStatus.BAD_REQUEST, "INVALID_REQUEST");
    assertThat(noAmount.getBody().path("field").asText()).isEqualTo("amount");
  }

  @Test
  void ordersAreListedNewestFirstInPages() {
    String older = newOrder();
    String newer = newOrder();

    JsonNode first = http.getForObject("/api/orders?page=0&size=1", JsonNode.class);
    JsonNode second = http.getForObject("/api/orders?page=1&size=1", JsonNode.class);

    assertThat(first.path("orders")).hasSize(1);
    assertThat(first.path("orders").get(0).path("orderNo").asText()).isEqualTo(newer);
    assertThat(first.path("orders").get(0).path("status").asText()).isEqualTo("PENDING_PAYMENT");
    assertThat(first.path("orders").get(0).path("totalAmount").asLong()).isEqualTo(1999);
    assertThat(first.path("hasMore").asBoolean()).isTrue();
    assertThat(second.path("page").asInt()).isEqualTo(1);
    assertThat(second.path("orders").get(0).path("orderNo").asText()).isEqualTo(older);
    JsonNode all = http.getForObject("/api/orders?size=100", JsonNode.class);
    assertThat(all.path("orders").findValuesAsText("orderNo")).contains(newer, older);
    assertThat(all.path("orders").findValuesAsText("orderNo").indexOf(newer))
        .isLessThan(all.path("orders").findValuesAsText("orderNo").indexOf(older));
    assertError(
        http.getForEntity("/api/orders?size=0", JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "INVALID_REQUEST");
  }

  @Test
  void aNativePaymentHasAnSvgQrCodeAndAJsapiPaymentNone() {
    String orderNo = newOrder();
    String nativeNo =
        pay(orderNo, Map.of("channel", "WECHAT_NATIVE")).getBody().path("paymentNo").asText();

    ResponseEntity<String> qr =
        http.getForEntity("/api/orders/" + orderNo + "/payments/" + nativeNo + "/qr", String.class);

    assertThat(qr.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(qr.getHeaders().getContentType().toString()).startsWith("image/svg+xml");
    assertThat(qr.getBody()).startsWith("<svg").contains("<path").endsWith("</svg>");
    String other = newOrder();
    String jsapiNo =
        pay(other, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"))
            .getBody()
            .path("paymentNo")
            .asText();
    HttpHeaders anything = new HttpHeaders();
    anything.setAccept(List.of(MediaType.ALL));
    assertError(
        http.exchange(
            "/api/orders/" + other + "/payments/" + jsapiNo + "/qr",
            HttpMethod.GET,
            new HttpEntity<>(anything),
            JsonNode.class),
        HttpStatus.NOT_FOUND,
        "NOT_FOUND");
  }

  @Test
  void aPaymentWhoseCallbackNeverComesIsSettledByReconciliation() {
    String orderNo = newOrder();
    String paymentNo =
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"))
            .getBody()
            .path("paymentNo")
            .asText();

    JsonNode silent =
        http.postForObject(
            "/simulator/payments/" + paymentNo + "/succeed?callbacks=0", null, JsonNode.class);

    assertThat(silent.path("callbacks").asInt()).isZero();
    assertThat(simulator.order(paymentNo).orElseThrow().state()).isEqualTo(TradeState.SUCCESS);
    // The demo's scheduler queries WeChat about a payment silent for 5 s (主动查单).
    JsonNode order = awaitOrderStatus(orderNo, "FULFILLING", Duration.ofSeconds(30));
    assertThat(order.path("payments").get(0).path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(http.getForObject("/api/orders/" + orderNo + "/trace", String.class))
        .contains("查询支付结果");
    JsonNode late =
        http.postForObject("/simulator/payments/" + paymentNo + "/callback", null, JsonNode.class);
    assertThat(late.path("callbackAcknowledged").asBoolean()).isTrue();
    assertThat(http.getForObject("/api/orders/" + orderNo, JsonNode.class).path("status").asText())
        .isEqualTo("FULFILLING");
  }

  @Test
  void aDuplicatedCallbackIsAcknowledgedEachTimeAndPaysOnce() {
    long before = stock("SKU-1");
    String orderNo = newOrder();
    String paymentNo =
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"))
            .getBody()
            .path("paymentNo")
            .asText();

    JsonNode twice =
        http.postForObject(
            "/simulator/payments/" + paymentNo + "/succeed?callbacks=2", null, JsonNode.class);

    assertThat(twice.path("callbacks").asInt()).isEqualTo(2);
    assertThat(twice.path("callbackAcknowledged").asBoolean()).isTrue();
    JsonNode order = awaitOrderStatus(orderNo, "FULFILLING");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        http.getForObject("/api/orders/" + orderNo, JsonNode.class)
                            .path("notifications")
                            .findValuesAsText("sent"))
                    .containsOnly("true"));
    assertThat(order.path("notifications").findValuesAsText("type"))
        .containsOnly("PAYMENT_SUCCEEDED")
        .hasSize(2);
    assertThat(stock("SKU-1")).isEqualTo(before - 1);
    assertError(
        http.postForEntity(
            "/simulator/payments/" + paymentNo + "/succeed?callbacks=9", null, JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "INVALID_REQUEST");
  }

  @Test
  void theSimulatorRefusesTheNextPrepayOfTheChosenKindOnly() {
    String orderNo = newOrder();

    http.postForObject("/simulator/prepays/fail-next?channel=WECHAT_NATIVE", null, JsonNode.class);

    assertThat(pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertError(
        pay(orderNo, Map.of("channel", "WECHAT_NATIVE")), HttpStatus.BAD_GATEWAY, "PREPAY_FAILED");
    assertThat(pay(orderNo, Map.of("channel", "WECHAT_NATIVE")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertError(
        http.postForEntity("/simulator/prepays/fail-next?channel=ALIPAY", null, JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "INVALID_REQUEST");
  }

  @Test
  void aCallbackBeforeThePayerActedIs409() {
    String orderNo = newOrder();
    String paymentNo =
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"))
            .getBody()
            .path("paymentNo")
            .asText();

    assertError(
        http.postForEntity("/simulator/payments/" + paymentNo + "/callback", null, JsonNode.class),
        HttpStatus.CONFLICT,
        "PAYMENT_PENDING");
  }

  @Test
  void theDemoExposesHealthWithPayflowsStoreCounts() {
    JsonNode health = http.getForObject("/actuator/health", JsonNode.class);

    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode payflow = health.path("components").path("payflow");
    assertThat(payflow.path("status").asText()).isEqualTo("UP");
    assertThat(payflow.path("details").path("store").asText()).contains("OrderStore");
    assertThat(payflow.path("details").path("deadEffects").isIntegralNumber()).isTrue();
    assertThat(payflow.path("details").path("stuckPayments").isIntegralNumber()).isTrue();
  }

  @Test
  void theDemoExposesThePayflowEndpointWithCountsAndEachOrdersTrace() {
    String orderNo = newOrder();

    JsonNode overview = http.getForObject("/actuator/payflow", JsonNode.class);
    JsonNode report = http.getForObject("/actuator/payflow/" + orderNo, JsonNode.class);

    assertThat(overview.path("counts").path("orders").path("PENDING_PAYMENT").asLong())
        .isPositive();
    assertThat(overview.path("deadEffects").isArray()).isTrue();
    assertThat(report.path("order").path("orderNo").asText()).isEqualTo(orderNo);
    assertThat(report.path("trace").asText()).startsWith("sequenceDiagram").contains("订单服务");
    assertThat(http.getForEntity("/actuator/payflow/NO-SUCH-ORDER", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theSmsOutageSwitchIsReadAndSet() {
    try {
      http.put("/demo/sms-gateway", Map.of("down", true));
      assertThat(http.getForObject("/demo/sms-gateway", JsonNode.class).path("down").asBoolean())
          .isTrue();
    } finally {
      http.put("/demo/sms-gateway", Map.of("down", false));
    }
    assertThat(http.getForObject("/demo/sms-gateway", JsonNode.class).path("down").asBoolean())
        .isFalse();
  }

  /** An order of one SKU-1, paid through the simulator and fulfilling. */
  private String paidOrder() {
    String orderNo = newOrder();
    String paymentNo =
        pay(orderNo, Map.of("channel", "WECHAT_JSAPI", "openId", "o-1"))
            .getBody()
            .path("paymentNo")
            .asText();
    http.postForObject("/simulator/payments/" + paymentNo + "/succeed", null, JsonNode.class);
    awaitOrderStatus(orderNo, "FULFILLING");
    return orderNo;
  }

  private String refund(String orderNo, long amount) {
    ResponseEntity<JsonNode> created =
        http.postForEntity(
            "/api/orders/" + orderNo + "/refunds", Map.of("amount", amount), JsonNode.class);
    assertThat(created.getStatusCode())
        .as(String.valueOf(created.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    return created.getBody().path("refundNo").asText();
  }

  private ResponseEntity<JsonNode> simulateRefund(String refundNo, String outcome) {
    return http.postForEntity(
        "/simulator/refunds/" + refundNo + "/" + outcome, null, JsonNode.class);
  }

  private JsonNode awaitOrderStatus(String orderNo, String status) {
    return awaitOrderStatus(orderNo, status, Duration.ofSeconds(15));
  }

  private JsonNode awaitOrderStatus(String orderNo, String status, Duration atMost) {
    return await()
        .atMost(atMost)
        .until(
            () -> http.getForObject("/api/orders/" + orderNo, JsonNode.class),
            o -> o.path("status").asText().equals(status));
  }

  /**
   * Waits until the order's refund is in {@code status} (the refund effect runs after the call).
   */
  private JsonNode awaitRefund(String orderNo, String refundNo, String status) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> http.getForObject("/api/orders/" + orderNo, JsonNode.class),
            o -> {
              for (JsonNode r : o.path("refunds")) {
                if (r.path("refundNo").asText().equals(refundNo)
                    && r.path("status").asText().equals(status)) {
                  return true;
                }
              }
              return false;
            });
  }

  private String newOrder() {
    ResponseEntity<JsonNode> created = createOrder("SKU-1", 1, 1999);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().path("orderNo").asText();
  }

  private ResponseEntity<JsonNode> createOrder(String sku, int quantity, long unitPrice) {
    return http.postForEntity(
        "/api/orders",
        Map.of(
            "userId",
            "u1",
            "items",
            List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice))),
        JsonNode.class);
  }

  private ResponseEntity<JsonNode> pay(String orderNo, Map<String, String> body) {
    return http.postForEntity("/api/orders/" + orderNo + "/payments", body, JsonNode.class);
  }

  private long stock(String sku) {
    for (JsonNode p : http.getForObject("/api/products", JsonNode.class)) {
      if (p.path("sku").asText().equals(sku)) {
        return p.path("stock").asLong();
      }
    }
    throw new AssertionError("no product " + sku);
  }

  private static void assertError(ResponseEntity<JsonNode> answer, HttpStatus status, String code) {
    assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(status);
    assertThat(answer.getBody().path("code").asText()).isEqualTo(code);
    assertThat(answer.getBody().path("message").asText()).isNotBlank();
  }
}
