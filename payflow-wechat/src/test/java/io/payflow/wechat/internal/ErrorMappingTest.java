package io.payflow.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.JsonRequestBody;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import java.io.PrintWriter;
import java.io.StringWriter;
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

  private static final String AUTHORIZATION =
      "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",signature=\"c2lnbmF0dXJl\"";
  private static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  private static HttpRequest requestWithSecrets() {
    return new HttpRequest.Builder()
        .httpMethod(HttpMethod.POST)
        .url("https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi")
        .addHeader("Authorization", AUTHORIZATION)
        .body(
            new JsonRequestBody.Builder()
                .body("{\"payer\":{\"openid\":\"" + OPENID + "\"}}")
                .build())
        .build();
  }

  /** The message and the whole printed stack trace, causes and all, as a log line would show. */
  private static String printed(ChannelException e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void refusalKeepsStatusAndCodeButNeverTheRequestWithItsAuthorizationAndOpenid() {
    var refused =
        new ServiceException(
            requestWithSecrets(), 400, "{\"code\":\"PARAM_ERROR\",\"message\":\"openid无效\"}");

    var mapped = ErrorMapping.map("JSAPI prepay of P1", refused);

    assertThat(mapped.getMessage()).contains("HTTP 400", "PARAM_ERROR", "openid无效");
    assertThat(printed(mapped)).doesNotContain(AUTHORIZATION, "c2lnbmF0dXJl", OPENID);
  }

  @Test
  void ioFailureKeepsItsIoCauseButNeverTheRequest() {
    var failed =
        new HttpException(requestWithSecrets(), new SocketTimeoutException("Read timed out"));

    var mapped = ErrorMapping.map("JSAPI prepay of P1", failed);

    assertThat(mapped.getCause()).isInstanceOf(SocketTimeoutException.class);
    assertThat(printed(mapped)).doesNotContain("c2lnbmF0dXJl", OPENID);
  }

  @Test
  void untrustedOrUnreadableAnswerNeverKeepsTheSdkMessage() {
    String quoted = "responseBody[{\"payer\":{\"openid\":\"" + OPENID + "\"}}]";

    assertThat(printed(ErrorMapping.map("query of P1", new ValidationException(quoted))))
        .doesNotContain(OPENID);
    assertThat(printed(ErrorMapping.map("query of P1", new MalformedMessageException(quoted))))
        .doesNotContain(OPENID);
    assertThat(printed(ErrorMapping.map("query of P1", new IllegalArgumentException(quoted))))
        .doesNotContain(OPENID);
  }
}
