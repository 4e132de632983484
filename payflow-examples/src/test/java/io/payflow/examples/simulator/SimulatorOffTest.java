package io.payflow.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.WechatPaySimulator;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code payflow.examples.simulator.enabled=false} the shop starts no simulator, exposes no
 * {@code /simulator} endpoint, and pays through whatever {@code payflow.wechat.*} names, as it
 * would with the real WeChat Pay. Here that "WeChat Pay" is a simulator the test runs outside the
 * shop, which only proves that the settings are used as given.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SimulatorOffTest {

  @RegisterExtension
  static final WechatPaySimulatorExtension WECHAT =
      WechatPaySimulatorExtension.create(WechatPaySimulator.builder().merchantId("1900000109"));

  @DynamicPropertySource
  static void wechatSettings(DynamicPropertyRegistry registry) {
    registry.add(SimulatorInitializer.ENABLED, () -> "false");
    SimulatorInitializer.settings(WECHAT).forEach((name, value) -> registry.add(name, () -> value));
  }

  @Autowired ApplicationContext context;
  @Autowired TestRestTemplate http;

  @Test
  void noSimulatorIsStartedAndNoSimulatorEndpointIsExposed() {
    assertThat(context.getBeanNamesForType(WechatPaySimulator.class)).isEmpty();
    assertThat(context.getBeanNamesForType(SimulatorController.class)).isEmpty();

    ResponseEntity<String> answer =
        http.postForEntity("/simulator/payments/ANY/succeed", null, String.class);

    assertThat(answer.getStatusCode().value()).isIn(404, 405);
  }

  @Test
  void paymentsGoToTheConfiguredWechatPay() {
    int before = WECHAT.calls(Endpoint.NATIVE_PREPAY).size();
    JsonNode order =
        http.postForObject(
            "/api/orders",
            Map.of(
                "userId",
                "u1",
                "items",
                List.of(Map.of("sku", "SKU-1", "quantity", 1, "unitPrice", 1999))),
            JsonNode.class);

    ResponseEntity<JsonNode> payment =
        http.postForEntity(
            "/api/orders/" + order.path("orderNo").asText() + "/payments",
            Map.of("channel", "WECHAT_NATIVE"),
            JsonNode.class);

    assertThat(payment.getStatusCode())
        .as(String.valueOf(payment.getBody()))
        .isEqualTo(HttpStatus.OK);
    assertThat(WECHAT.calls(Endpoint.NATIVE_PREPAY)).hasSize(before + 1);
    assertThat(WECHAT.order(payment.getBody().path("paymentNo").asText())).isPresent();
  }
}
