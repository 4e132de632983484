package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlow;
import io.payflow.core.channel.CallbackAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * The endpoint in a running servlet app: the exact bytes and headers reach payflow, and payflow's
 * answer reaches the caller unchanged. The port is read from {@code local.server.port} because the
 * {@code @LocalServerPort} annotation moved package in Boot 4.
 */
@SpringBootTest(
    classes = CallbackEndpointTests.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"payflow.wechat.notify-path=/hooks/wxpay", "payflow.scheduling.enabled=false"})
class CallbackEndpointTests {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    RecordingPayFlow payFlow() {
      return new RecordingPayFlow();
    }
  }

  // Odd spacing, key order and non-ASCII text: a body bound and written again would differ.
  private static final String BODY =
      "{\"id\" : \"EV-018\",\n  \"summary\":\"支付成功\",\"resource\":{\"ciphertext\":\"a+b/c==\"}  }\n";

  @Value("${local.server.port}")
  int port;

  @Autowired RecordingPayFlow payFlow;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void reset() {
    payFlow.callbacks.clear();
    payFlow.answer = new CallbackAnswer(204, "", "");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("Wechatpay-Serial", "PUB_KEY_ID_0000000000000001")
            .header("Wechatpay-Signature", "c2lnbmF0dXJl")
            .header("Wechatpay-Timestamp", "1795000000")
            .header("Wechatpay-Nonce", "n0nce")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void theRawBodyAndTheHeadersReachPayFlowUntouched() throws Exception {
    HttpResponse<String> response = post("/hooks/wxpay", BODY);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(payFlow.callbacks).hasSize(1);
    RecordingPayFlow.Callback callback = payFlow.callbacks.get(0);
    assertThat(callback.channel()).isEqualTo("wechat");
    assertThat(callback.request().body()).isEqualTo(BODY);
    assertThat(callback.request().header("wechatpay-serial"))
        .isEqualTo("PUB_KEY_ID_0000000000000001");
    assertThat(callback.request().header("Wechatpay-Signature")).isEqualTo("c2lnbmF0dXJl");
    assertThat(callback.request().header("WECHATPAY-TIMESTAMP")).isEqualTo("1795000000");
    assertThat(callback.request().header("Wechatpay-Nonce")).isEqualTo("n0nce");
  }

  @Test
  void payFlowsAnswerIsReturnedAsIs() throws Exception {
    payFlow.answer =
        new CallbackAnswer(
            401, "application/json", "{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}");

    HttpResponse<String> response = post("/hooks/wxpay", BODY);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    assertThat(response.body()).isEqualTo("{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}");
  }

  @Test
  void anOversizedBodyIsRefusedWith413WithoutReachingPayFlow() throws Exception {
    HttpResponse<String> response =
        post("/hooks/wxpay", "x".repeat(PayFlowCallbackController.MAX_BODY_BYTES + 1));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":\"FAIL\"");
    assertThat(payFlow.callbacks).isEmpty();
  }

  @Test
  void onlyTheConfiguredPathIsMapped() throws Exception {
    HttpResponse<String> response = post("/payflow/wechat/notify", BODY);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(payFlow.callbacks).isEmpty();
  }

  @Test
  void theHostsPayFlowIsTheOneInUse(@Autowired PayFlow inUse) {
    assertThat(inUse).isSameAs(payFlow);
  }
}
