package io.payflow.wechat.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.util.NonceUtil;
import io.payflow.wechat.testkit.NotificationBuilder;
import io.payflow.wechat.testkit.NotificationRequest;
import io.payflow.wechat.testkit.Tamper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Builds one signed, encrypted notification. Not threadsafe: one builder per notification. */
final class DefaultNotificationBuilder implements NotificationBuilder {

  /** What a notification is about: its event type, summary and resource type. */
  enum Kind {
    TRANSACTION_SUCCESS("TRANSACTION.SUCCESS", "支付成功", "transaction"),
    REFUND_SUCCESS("REFUND.SUCCESS", "退款成功", "refund"),
    REFUND_ABNORMAL("REFUND.ABNORMAL", "退款异常", "refund"),
    REFUND_CLOSED("REFUND.CLOSED", "退款关闭", "refund");

    final String eventType;
    final String summary;
    final String originalType;

    Kind(String eventType, String summary, String originalType) {
      this.eventType = eventType;
      this.summary = summary;
      this.originalType = originalType;
    }
  }

  private final Kind kind;
  private final Supplier<String> plaintext;
  private final WechatSignatures signatures;
  private final String apiV3Key;
  private String url;
  private @Nullable Instant timestamp;
  private @Nullable Tamper tamper;

  DefaultNotificationBuilder(
      Kind kind,
      Supplier<String> plaintext,
      String url,
      WechatSignatures signatures,
      String apiV3Key) {
    this.kind = kind;
    this.plaintext = plaintext;
    this.url = url;
    this.signatures = signatures;
    this.apiV3Key = apiV3Key;
  }

  @Override
  public NotificationBuilder to(String url) {
    this.url = Objects.requireNonNull(url, "url");
    return this;
  }

  @Override
  public NotificationBuilder timestamp(Instant timestamp) {
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    return this;
  }

  @Override
  public NotificationBuilder tamper(Tamper tamper) {
    this.tamper = Objects.requireNonNull(tamper, "tamper");
    return this;
  }

  @Override
  public NotificationRequest build() {
    SecureRandom random = new SecureRandom();
    String resourceNonce = NonceUtil.createNonce(12);
    String key =
        tamper == Tamper.WRONG_API_V3_KEY ? KeyMaterial.randomString(random, 32) : apiV3Key;
    String ciphertext =
        new AeadAesCipher(key.getBytes(StandardCharsets.UTF_8))
            .encrypt(
                kind.originalType.getBytes(StandardCharsets.UTF_8),
                resourceNonce.getBytes(StandardCharsets.UTF_8),
                plaintext.get().getBytes(StandardCharsets.UTF_8));
    Instant signedAt = timestamp == null ? Instant.now() : timestamp;
    ObjectNode n = WechatPayApi.JSON.createObjectNode();
    n.put("id", UUID.randomUUID().toString());
    n.put("create_time", WechatPayApi.format(signedAt));
    n.put("resource_type", "encrypt-resource");
    n.put("event_type", kind.eventType);
    n.put("summary", kind.summary);
    ObjectNode resource = n.putObject("resource");
    resource.put("original_type", kind.originalType);
    resource.put("algorithm", "AEAD_AES_256_GCM");
    resource.put("ciphertext", ciphertext);
    resource.put("associated_data", kind.originalType);
    resource.put("nonce", resourceNonce);
    String body = WechatPayApi.write(n);
    if (tamper == Tamper.MALFORMED_JSON) {
      // A truncated body, as a broken proxy would pass on; signed, so only parsing can refuse it.
      body = body.substring(0, body.length() / 2);
    }
    Map<String, String> headers =
        new LinkedHashMap<>(signatures.sign(signedAt, NonceUtil.createNonce(32), body));
    headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    headers.put("Content-Type", "application/json");
    if (tamper != null) {
      switch (tamper) {
        case BAD_SIGNATURE ->
            headers.put(
                "Wechatpay-Signature",
                signatures.signature(
                    headers.get("Wechatpay-Timestamp"),
                    headers.get("Wechatpay-Nonce"),
                    body + " "));
        case UNKNOWN_SERIAL ->
            headers.put(
                "Wechatpay-Serial",
                headers.get("Wechatpay-Serial").startsWith("PUB_KEY_ID_")
                    ? "PUB_KEY_ID_0100000000000000000000000000000"
                    : "5157F09EFDC096DE15EBE81A47057A72C0000000");
        case SIGNATURE_PROBE -> {
          byte[] noise = new byte[192];
          random.nextBytes(noise);
          headers.put(
              "Wechatpay-Signature",
              "WECHATPAY/SIGNTEST/" + Base64.getEncoder().encodeToString(noise));
        }
        case BODY_CHANGED_AFTER_SIGNING -> body = body.replace(kind.summary, kind.summary + " ");
        case MALFORMED_JSON, WRONG_API_V3_KEY -> {
          // applied above
        }
      }
    }
    return new NotificationRequest(url, headers, body);
  }
}
