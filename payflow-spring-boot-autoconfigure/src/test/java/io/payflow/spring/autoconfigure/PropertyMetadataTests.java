package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.schedule.SchedulerConfig;
import io.payflow.wechat.WechatPayConfig;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The defaults an IDE shows (META-INF/spring-configuration-metadata.json) are the builders' own:
 * the properties take them from the {@code DEFAULT_…} constants, which the metadata processor
 * cannot read, so the metadata states them and this test keeps the two together.
 */
class PropertyMetadataTests {

  private static Map<String, JsonNode> defaults() throws Exception {
    Map<String, JsonNode> defaults = new HashMap<>();
    try (InputStream in =
        PropertyMetadataTests.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      for (JsonNode p : new ObjectMapper().readTree(in).path("properties")) {
        if (p.has("defaultValue")) {
          defaults.put(p.path("name").asText(), p.path("defaultValue"));
        }
      }
    }
    return defaults;
  }

  private static Duration duration(JsonNode value) {
    return DurationStyle.detectAndParse(value.asText());
  }

  @Test
  void theDocumentedDefaultsAreTheCoresAndTheChannelsDefaults() throws Exception {
    Map<String, JsonNode> d = defaults();
    PayFlowConfig core = PayFlowConfig.ofDefaults();

    assertThat(d.get("payflow.batch-size").asInt()).isEqualTo(PayFlowConfig.DEFAULT_BATCH_SIZE);
    assertThat(duration(d.get("payflow.order.expire-after")))
        .isEqualTo(PayFlowConfig.DEFAULT_ORDER_EXPIRE_AFTER);
    assertThat(d.get("payflow.effects.max-attempts").asInt())
        .isEqualTo(PayFlowConfig.DEFAULT_EFFECT_MAX_ATTEMPTS);
    assertThat(duration(d.get("payflow.effects.initial-backoff")))
        .isEqualTo(PayFlowConfig.DEFAULT_EFFECT_INITIAL_BACKOFF);
    assertThat(duration(d.get("payflow.effects.max-backoff")))
        .isEqualTo(PayFlowConfig.DEFAULT_EFFECT_MAX_BACKOFF);
    assertThat(d.get("payflow.effects.multiplier").asDouble())
        .isEqualTo(PayFlowConfig.DEFAULT_EFFECT_BACKOFF_MULTIPLIER);
    assertThat(duration(d.get("payflow.effects.lease")))
        .isEqualTo(PayFlowConfig.DEFAULT_EFFECT_LEASE);
    assertThat(duration(d.get("payflow.reconcile.query-after")))
        .isEqualTo(PayFlowConfig.DEFAULT_RECONCILE_QUERY_AFTER);
    assertThat(duration(d.get("payflow.reconcile.prepay-grace")))
        .isEqualTo(PayFlowConfig.DEFAULT_PREPAY_GRACE);
    assertThat(duration(d.get("payflow.expiry.interval")))
        .isEqualTo(SchedulerConfig.DEFAULT_EXPIRY_INTERVAL);
    assertThat(duration(d.get("payflow.reconcile.interval")))
        .isEqualTo(SchedulerConfig.DEFAULT_RECONCILE_INTERVAL);
    assertThat(duration(d.get("payflow.effects.sweep-interval")))
        .isEqualTo(SchedulerConfig.DEFAULT_EFFECT_SWEEP_INTERVAL);
    assertThat(d.get("payflow.late-payments.refund").asBoolean())
        .isEqualTo(core.refundLatePayments());
    assertThat(d.get("payflow.wechat.base-url").asText())
        .isEqualTo(WechatPayConfig.DEFAULT_BASE_URL);
    assertThat(duration(d.get("payflow.wechat.connect-timeout")))
        .isEqualTo(WechatPayConfig.DEFAULT_CONNECT_TIMEOUT);
    assertThat(duration(d.get("payflow.wechat.read-timeout")))
        .isEqualTo(WechatPayConfig.DEFAULT_READ_TIMEOUT);
    assertThat(duration(d.get("payflow.wechat.max-clock-skew")))
        .isEqualTo(WechatPayConfig.DEFAULT_MAX_CALLBACK_SKEW);
    assertThat(d.get("payflow.wechat.verification").asText())
        .isEqualTo(
            PayFlowProperties.Verification.valueOf(WechatPayConfig.DEFAULT_VERIFICATION_MODE.name())
                .propertyValue());
  }
}
