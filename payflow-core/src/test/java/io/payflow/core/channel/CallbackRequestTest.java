package io.payflow.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackRequestTest {

  private static final String BODY = "{\"id\":\"EV-2018022511223320873\",\"resource\":{}}";

  @Test
  void headerIsFoundWhateverTheCaseOfItsName() {
    // given servlet containers and proxies pass header names in any case
    CallbackRequest request =
        new CallbackRequest(
            BODY,
            Map.of(
                "Wechatpay-Signature", "c2lnbg==",
                "wechatpay-timestamp", "1700000000",
                "WECHATPAY-NONCE", "n0nce"));

    // then
    assertThat(request.header("Wechatpay-Signature")).isEqualTo("c2lnbg==");
    assertThat(request.header("WECHATPAY-SIGNATURE")).isEqualTo("c2lnbg==");
    assertThat(request.header("Wechatpay-Timestamp")).isEqualTo("1700000000");
    assertThat(request.header("wechatpay-nonce")).isEqualTo("n0nce");
    assertThat(request.headers().get("wEcHaTpAy-NoNcE")).isEqualTo("n0nce");
  }

  @Test
  void missingHeaderIsNull() {
    CallbackRequest request = new CallbackRequest(BODY, Map.of("Wechatpay-Serial", "PUB_KEY_ID_1"));

    assertThat(request.header("Wechatpay-Signature")).isNull();
  }

  @Test
  void headerNamesAreMatchedWhateverTheJvmLocale() {
    // in a Turkish locale "I".toLowerCase() is a dotless ı: a name with an I must still match
    Locale previous = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      CallbackRequest request = new CallbackRequest(BODY, Map.of("X-Request-ID", "r-1"));

      assertThat(request.header("X-REQUEST-ID")).isEqualTo("r-1");
      assertThat(request.header("x-request-id")).isEqualTo("r-1");
    } finally {
      Locale.setDefault(previous);
    }
  }

  @Test
  void bodyIsKeptExactlyAsReceived() {
    // the signature covers the raw bytes: whitespace and key order must survive
    String raw = "{ \"b\" : 1,\n  \"a\":\"中文 ☕\" }\n";

    assertThat(new CallbackRequest(raw, Map.of()).body()).isEqualTo(raw);
  }

  @Test
  void headersAreACopyThatCannotChange() {
    // given
    Map<String, String> headers = new HashMap<>(Map.of("Wechatpay-Serial", "PUB_KEY_ID_1"));
    CallbackRequest request = new CallbackRequest(BODY, headers);

    // when the caller's map changes afterwards
    headers.put("Wechatpay-Serial", "FORGED");

    // then
    assertThat(request.header("Wechatpay-Serial")).isEqualTo("PUB_KEY_ID_1");
    assertThatThrownBy(() -> request.headers().put("Wechatpay-Serial", "FORGED"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void headersKeepTheNamesAsSentAndTheirValues() {
    // given
    Map<String, String> sent = new java.util.LinkedHashMap<>();
    sent.put("Wechatpay-Serial", "PUB_KEY_ID_1");
    sent.put("content-type", "application/json");

    // when
    CallbackRequest request = new CallbackRequest(BODY, sent);

    // then
    assertThat(request.headers()).isEqualTo(sent).hasSize(2);
    assertThat(request.headers().keySet())
        .containsExactlyInAnyOrder("Wechatpay-Serial", "content-type");
    assertThat(request.headers().containsKey("WECHATPAY-SERIAL")).isTrue();
    assertThat(request.headers().containsKey("Wechatpay-Nonce")).isFalse();
  }

  @Test
  void aNameRepeatedInAnotherCaseKeepsTheLastValue() {
    // given a proxy that added a header the client had already sent in another case
    Map<String, String> sent = new java.util.LinkedHashMap<>();
    sent.put("Wechatpay-Nonce", "first");
    sent.put("WECHATPAY-NONCE", "second");

    // when
    CallbackRequest request = new CallbackRequest(BODY, sent);

    // then
    assertThat(request.headers()).hasSize(1);
    assertThat(request.header("wechatpay-nonce")).isEqualTo("second");
  }

  @Test
  void noHeadersAtAllIsAnEmptyMap() {
    CallbackRequest request = new CallbackRequest(BODY, null);

    assertThat(request.headers()).isEmpty();
    assertThat(request.header("Wechatpay-Serial")).isNull();
  }

  @Test
  void nonAsciiNamesFoldAsStringCaseInsensitiveOrderDoes() {
    CallbackRequest request = new CallbackRequest(BODY, Map.of("X-ÄRGER", "1"));

    assertThat(request.header("x-ärger")).isEqualTo("1");
    assertThat(String.CASE_INSENSITIVE_ORDER.compare("X-ÄRGER", "x-ärger")).isZero();
  }
}
