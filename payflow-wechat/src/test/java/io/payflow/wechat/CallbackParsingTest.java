package io.payflow.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Callback cases the simulator does not build (its notifications are always well-formed apart from
 * the one {@code Tamper} chosen): header case, missing headers, odd timestamps, a certificate
 * serial in public-key mode, a body without resource, an unsupported event type; and the channel's
 * answers to WeChat. Genuine, tampered, stale and foreign notifications are in {@link
 * WechatPayCallbackSimulatorTest}. Notifications here are signed and encrypted in test code.
 */
class CallbackParsingTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:01:05Z");

  private final WechatPayChannel channel =
      WechatPayChannel.create(TestKeys.config().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());

  @Test
  void headerNamesAreMatchedWhateverTheirCase() {
    String body = Notifications.paymentBody(1);
    Map<String, String> lower = new LinkedHashMap<>();
    Notifications.headers(body, NOW, TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate())
        .forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));

    CallbackEvent event = channel.parseCallback(new CallbackRequest(body, lower));

    assertThat(event).isInstanceOf(CallbackEvent.PaymentNotified.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Wechatpay-Serial",
        "Wechatpay-Signature",
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce"
      })
  void callbackMissingAHeaderIsRejectedNamingIt(String header) {
    String body = Notifications.paymentBody(1);
    Map<String, String> headers =
        new LinkedHashMap<>(
            Notifications.headers(body, NOW, TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate()));
    headers.remove(header);

    assertRejected(() -> channel.parseCallback(new CallbackRequest(body, headers)), 400, header);
  }

  @Test
  void nonNumericTimestampIsRejected() {
    String body = Notifications.paymentBody(1);
    Map<String, String> headers =
        new LinkedHashMap<>(
            Notifications.headers(body, NOW, TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate()));
    headers.put("Wechatpay-Timestamp", "yesterday");

    assertRejected(
        () -> channel.parseCallback(new CallbackRequest(body, headers)),
        400,
        "Wechatpay-Timestamp");
  }

  @Test
  void timestampBeyondWhatAnInstantHoldsIsRejectedNotAnInternalError() {
    String body = Notifications.paymentBody(1);
    Map<String, String> headers =
        new LinkedHashMap<>(
            Notifications.headers(body, NOW, TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate()));
    headers.put("Wechatpay-Timestamp", Long.toString(Long.MAX_VALUE));

    assertRejected(
        () -> channel.parseCallback(new CallbackRequest(body, headers)),
        400,
        "Wechatpay-Timestamp");
  }

  @Test
  void certificateSerialInPublicKeyModeIsRejectedWithAHintAtCombinedMode() {
    String body = Notifications.paymentBody(1);
    CallbackRequest request =
        new CallbackRequest(
            body,
            Notifications.headers(
                body, NOW, "7132D72A03E93CDDF8C03BBD1F37EEDF", TestKeys.WECHAT.getPrivate()));

    assertRejected(() -> channel.parseCallback(request), 401, "COMBINED");
  }

  @Test
  void signedJsonWithoutResourceIsRejected() {
    assertRejected(
        () ->
            channel.parseCallback(
                Notifications.signed("{\"event_type\":\"TRANSACTION.SUCCESS\"}", NOW)),
        400,
        "malformed");
  }

  @Test
  void callbackOfAnUnsupportedEventTypeIsRejected() {
    String body =
        Notifications.body(
            "MARKETING.COUPON_USED",
            "transaction",
            Notifications.paymentResource(TestKeys.MERCHANT_ID, TestKeys.APP_ID, "P1", 1),
            TestKeys.API_V3_KEY);

    assertRejected(
        () -> channel.parseCallback(Notifications.signed(body, NOW)), 400, "MARKETING.COUPON_USED");
  }

  @Test
  void signedBodyWithoutEventTypeIsRejected() {
    String body =
        Notifications.body(
                "TRANSACTION.SUCCESS",
                "transaction",
                Notifications.paymentResource(TestKeys.MERCHANT_ID, TestKeys.APP_ID, "P1", 1),
                TestKeys.API_V3_KEY)
            .replace("\"event_type\":\"TRANSACTION.SUCCESS\",", "");

    assertRejected(() -> channel.parseCallback(Notifications.signed(body, NOW)), 400, "event_type");
  }

  @Test
  void resourceWithoutAssociatedDataIsRejectedAsMalformed() {
    String body = Notifications.paymentBody(1).replace("\"associated_data\":\"transaction\",", "");

    assertRejected(
        () -> channel.parseCallback(Notifications.signed(body, NOW)), 400, "associated_data");
  }

  @Test
  void resourceOfAnUnknownAlgorithmIsRejectedAsMalformed() {
    String body = Notifications.paymentBody(1).replace("AEAD_AES_256_GCM", "AEAD_SM4_GCM");

    assertRejected(
        () -> channel.parseCallback(Notifications.signed(body, NOW)), 400, "unknown algorithm");
  }

  @Test
  void resourceEncryptedWithAnotherKeyIsRejectedAsUndecryptable() {
    String body =
        Notifications.body(
            "TRANSACTION.SUCCESS",
            "transaction",
            Notifications.paymentResource(TestKeys.MERCHANT_ID, TestKeys.APP_ID, "P1", 1),
            TestKeys.randomAlnum(32));

    assertRejected(
        () -> channel.parseCallback(Notifications.signed(body, NOW)), 400, "cannot be decrypted");
  }

  @Test
  void ciphertextThatIsNotBase64IsRejectedAsMalformed() {
    String body =
        "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{"
            + "\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\","
            + "\"ciphertext\":\"%%%\",\"associated_data\":\"transaction\",\"nonce\":\"n\"}}";

    assertRejected(() -> channel.parseCallback(Notifications.signed(body, NOW)), 400, "not Base64");
  }

  @Test
  void acknowledgeIs204WithoutBody() {
    assertThat(channel.acknowledge().status()).isEqualTo(204);
    assertThat(channel.acknowledge().body()).isEmpty();
  }

  @Test
  void rejectAnswersTheStatusWithWechatsFailJson() {
    var answer = channel.reject(500, "store \"down\"");

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"store \\\"down\\\"\"}");
  }

  private static void assertRejected(ThrowingCallable call, int status, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(status))
        .hasMessageContaining(messagePart);
  }
}
