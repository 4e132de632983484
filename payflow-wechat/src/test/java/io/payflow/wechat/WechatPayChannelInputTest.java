package io.payflow.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.TradeType;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Bad arguments to the channel's public methods are refused before any call to WeChat Pay, with the
 * field named, never with a NullPointerException.
 */
class WechatPayChannelInputTest {

  private static final Instant EXPIRES = Instant.parse("2026-11-24T10:30:00Z");

  private final WechatPayChannel channel = WechatPayChannel.create(TestKeys.config().build());

  @Test
  void noConfigNamesTheField() {
    assertInvalid(() -> WechatPayChannel.create(null), "config");
  }

  @Test
  void prepayNamesTheMissingField() {
    assertInvalid(() -> channel.prepay(null), "request");
    assertInvalid(
        () ->
            channel.prepay(
                new PrepayRequest(" ", "O1", TradeType.NATIVE, 100, "desc", EXPIRES, null, null)),
        "paymentNo");
    assertInvalid(
        () -> channel.prepay(new PrepayRequest("P1", "O1", null, 100, "desc", EXPIRES, null, null)),
        "tradeType");
    assertInvalid(
        () ->
            channel.prepay(
                new PrepayRequest("P1", "O1", TradeType.NATIVE, 100, null, EXPIRES, null, null)),
        "description");
    assertInvalid(
        () ->
            channel.prepay(
                new PrepayRequest("P1", "O1", TradeType.NATIVE, 100, "desc", null, null, null)),
        "expiresAt");
  }

  @Test
  void queryCloseResumeAndRefundNameTheMissingField() {
    assertInvalid(() -> channel.query(null), "paymentNo");
    assertInvalid(() -> channel.close(" "), "paymentNo");
    assertInvalid(() -> channel.resume(null), "payment");
    assertInvalid(() -> channel.queryRefund(null), "refundNo");
    assertInvalid(() -> channel.refund(null), "request");
    assertInvalid(
        () -> channel.refund(new RefundRequest(null, "P1", null, 100, 100, "")), "refundNo");
    assertInvalid(
        () -> channel.refund(new RefundRequest("R1", "", null, 100, 100, "")), "paymentNo");
    assertInvalid(() -> channel.parseCallback(null), "request");
  }

  @Test
  void rejectionWithoutAMessageIsStillWechatsJson() {
    assertThat(channel.reject(500, null).body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"\"}");
  }

  private static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
