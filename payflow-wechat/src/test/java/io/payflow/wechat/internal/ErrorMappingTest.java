package io.payflow.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ValidationException;
import io.payflow.core.channel.ChannelErrorKind;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {

  @ParameterizedTest
  @CsvSource({
    "ORDERPAID, 403, ALREADY_PAID",
    "ORDER_CLOSED, 400, ALREADY_CLOSED",
    "OUT_TRADE_NO_USED, 403, DUPLICATE_NUMBER",
    "SYSTEM_ERROR, 500, RETRY_LATER",
    "FREQUENCY_LIMITED, 429, RETRY_LATER",
    "BANKERROR, 500, RETRY_LATER",
    "PARAM_ERROR, 400, REJECTED",
    "SIGN_ERROR, 401, REJECTED",
    "NOAUTH, 403, REJECTED",
    "APPID_MCHID_NOT_MATCH, 400, REJECTED",
    "INVALID_REQUEST, 400, REJECTED",
    "MCH_NOT_EXISTS, 400, REJECTED",
    "ORDER_NOT_EXIST, 404, NOT_FOUND",
    "RESOURCE_NOT_EXISTS, 404, NOT_FOUND",
    "SOMETHING_NEW, 503, RETRY_LATER",
    "SOMETHING_NEW, 400, REJECTED"
  })
  void wechatErrorCodeMapsToKind(String code, int status, ChannelErrorKind kind) {
    assertThat(ErrorMapping.kindOf(code, status)).isEqualTo(kind);
  }

  @Test
  void serverErrorWithoutCodeIsRetryLater() {
    assertThat(ErrorMapping.kindOf(null, 502)).isEqualTo(ChannelErrorKind.RETRY_LATER);
  }

  @Test
  void ioFailureIsAnUnknownOutcomeNeverAFailure() {
    var mapped =
        ErrorMapping.map(
            "prepay of P1",
            new HttpException("send failed", new SocketTimeoutException("timeout")));

    assertThat(mapped.kind()).isEqualTo(ChannelErrorKind.UNKNOWN_OUTCOME);
    assertThat(mapped.getMessage()).contains("SocketTimeoutException", "query to settle it");
  }

  @Test
  void answerWithABadSignatureIsAnUnknownOutcome() {
    var mapped = ErrorMapping.map("prepay of P1", new ValidationException("bad signature"));

    assertThat(mapped.kind()).isEqualTo(ChannelErrorKind.UNKNOWN_OUTCOME);
    assertThat(mapped.channelCode()).isEqualTo("SIGNATURE_INVALID");
  }

  @Test
  void unreadableAnswerIsAnUnknownOutcome() {
    assertThat(ErrorMapping.map("query of P1", new MalformedMessageException("html")).kind())
        .isEqualTo(ChannelErrorKind.UNKNOWN_OUTCOME);
    assertThat(ErrorMapping.map("query of P1", new IllegalArgumentException("stale")).kind())
        .isEqualTo(ChannelErrorKind.UNKNOWN_OUTCOME);
  }
}
