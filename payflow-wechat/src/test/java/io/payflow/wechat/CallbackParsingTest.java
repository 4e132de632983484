package io.payflow.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.RefundStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackParsingTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:01:05Z");

  private final WechatPayChannel channel =
      WechatPayChannel.create(TestKeys.config().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());

  @Test
  void validPaymentCallbackParsesIntoAVerifiedResult() {
    CallbackEvent event =
        channel.parseCallback(Notifications.signed(Notifications.paymentBody(999), NOW));

    assertThat(event).isInstanceOf(CallbackEvent.PaymentNotified.class);
    PaymentResult result = ((CallbackEvent.PaymentNotified) event).result();
    assertThat(result.channel()).isEqualTo("wechat");
    assertThat(result.paymentNo()).isEqualTo("P20261124000001");
    assertThat(result.outcome()).isEqualTo(PaymentOutcome.SUCCEEDED);
    assertThat(result.channelState()).isEqualTo("SUCCESS");
    assertThat(result.transactionId()).isEqualTo("4200000001202611241234567890");
    assertThat(result.amount()).isEqualTo(999);
    assertThat(result.paidAt()).isEqualTo(Instant.parse("2026-11-24T10:01:02Z"));
    assertThat(result.source()).isEqualTo(PaymentResult.Source.CALLBACK);
  }

  @Test
  void validRefundCallbackParsesIntoARefundResult() {
    String body =
        Notifications.body(
            "REFUND.SUCCESS",
            "refund",
            Notifications.refundResource(TestKeys.MERCHANT_ID, "P20261124000001", "R1"),
            TestKeys.API_V3_KEY);

    CallbackEvent event = channel.parseCallback(Notifications.signed(body, NOW));

    RefundResult result = ((CallbackEvent.RefundNotified) event).result();
    assertThat(result.refundNo()).isEqualTo("R1");
    assertThat(result.paymentNo()).isEqualTo("P20261124000001");
    assertThat(result.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(result.channelRefundId()).isEqualTo("50000000382019052709732678859");
    assertThat(result.completedAt()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
  }

  @Test
  void headerNamesAreMatchedWhateverTheirCase() {
    String body = Notifications.paymentBody(1);
    Map<String, String> lower = new LinkedHashMap<>();
    Notifications.headers(body, NOW, TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate())
        .forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));

    CallbackEvent event = channel.parseCallback(new CallbackRequest(body, lower));

    assertThat(event).isInstanceOf(CallbackEvent.PaymentNotified.class);
  }

  @Test
  void callbackWithinTheAllowedSkewIsAccepted() {
    String body = Notifications.paymentBody(1);

    assertThat(channel.parseCallback(Notifications.signed(body, NOW.minusSeconds(299))))
        .isNotNull();
    assertThat(channel.parseCallback(Notifications.signed(body, NOW.plusSeconds(299)))).isNotNull();
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
  void signatureProbeIsRejected() {
    String body = Notifications.paymentBody(1);
    Map<String, String> headers =
        new LinkedHashMap<>(
            Notifications.headers(body, NOW, TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate()));
    headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + headers.get("Wechatpay-Signature"));

    assertRejected(() -> channel.parseCallback(new CallbackRequest(body, headers)), 401, "probe");
  }

  @Test
  void callbackOlderThanTheMaxSkewIsRejectedAsStale() {
    String body = Notifications.paymentBody(1);

    assertRejected(
        () -> channel.parseCallback(Notifications.signed(body, NOW.minus(Duration.ofMinutes(6)))),
        401,
        "stale");
  }

  @Test
  void callbackFromTheFutureBeyondTheMaxSkewIsRejected() {
    String body = Notifications.paymentBody(1);

    assertRejected(
        () -> channel.parseCallback(Notifications.signed(body, NOW.plus(Duration.ofMinutes(6)))),
        401,
        "ahead of the clock");
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
  void callbackWithAnUnknownSerialIsRejected() {
    String body = Notifications.paymentBody(1);
    CallbackRequest request =
        new CallbackRequest(
            body,
            Notifications.headers(
                body, NOW, "PUB_KEY_ID_SOMEBODY_ELSE", TestKeys.WECHAT.getPrivate()));

    assertRejected(() -> channel.parseCallback(request), 401, "unknown Wechatpay-Serial");
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
  void callbackSignedWithAnotherKeyIsRejected() {
    String body = Notifications.paymentBody(1);
    CallbackRequest forged =
        new CallbackRequest(
            body,
            Notifications.headers(
                body, NOW, TestKeys.PUBLIC_KEY_ID, TestKeys.MERCHANT.getPrivate()));

    assertRejected(() -> channel.parseCallback(forged), 401, "signature does not verify");
  }

  @Test
  void callbackWhoseBodyWasChangedAfterSigningIsRejected() {
    String body = Notifications.paymentBody(1);
    Map<String, String> headers =
        Notifications.headers(body, NOW, TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate());
    // As a JSON binder re-serialising the body would: same content, other bytes.
    String reserialised = body.replace("\",\"", "\", \"");

    assertRejected(
        () -> channel.parseCallback(new CallbackRequest(reserialised, headers)),
        401,
        "signature does not verify");
  }

  @Test
  void signedButMalformedJsonIsRejected() {
    assertRejected(
        () -> channel.parseCallback(Notifications.signed("{\"id\":", NOW)), 400, "malformed");
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
  void resourceEncryptedWithAnotherKeyIsRejectedAsUndecryptable() {
    String body =
        Notifications.body(
            "TRANSACTION.SUCCESS",
            "transaction",
            Notifications.paymentResource(TestKeys.MERCHANT_ID, TestKeys.APP_ID, "P1", 1),
            TestKeys.randomAlnum(32));

    assertRejected(() -> channel.parseCallback(Notifications.signed(body, NOW)), 400, "decrypt");
  }

  @Test
  void callbackForAnotherMerchantIsRejected() {
    String body =
        Notifications.body(
            "TRANSACTION.SUCCESS",
            "transaction",
            Notifications.paymentResource("1900000999", TestKeys.APP_ID, "P1", 1),
            TestKeys.API_V3_KEY);

    assertRejected(() -> channel.parseCallback(Notifications.signed(body, NOW)), 403, "1900000999");
  }

  @Test
  void callbackForAnotherAppIsRejected() {
    String body =
        Notifications.body(
            "TRANSACTION.SUCCESS",
            "transaction",
            Notifications.paymentResource(TestKeys.MERCHANT_ID, "wx_other_app", "P1", 1),
            TestKeys.API_V3_KEY);

    assertRejected(
        () -> channel.parseCallback(Notifications.signed(body, NOW)), 403, "wx_other_app");
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
  void rejectionMessagesNeverContainTheApiV3Key() {
    String body =
        Notifications.body(
            "TRANSACTION.SUCCESS",
            "transaction",
            Notifications.paymentResource(TestKeys.MERCHANT_ID, TestKeys.APP_ID, "P1", 1),
            TestKeys.randomAlnum(32));

    assertThatThrownBy(() -> channel.parseCallback(Notifications.signed(body, NOW)))
        .satisfies(
            e -> {
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(TestKeys.API_V3_KEY);
              }
            });
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
