package io.payflow.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;

/**
 * A minimal stand-in for WeChat Pay's API on WireMock: answers signed the way WeChat signs them, so
 * that the SDK accepts them, and the requests the channel sent.
 *
 * <p>Kept apart on purpose: the project's full simulator ({@code payflow-wechat-testkit}) replaces
 * this helper once it lands; only the tests that build requests, rewrite the host and map errors
 * use it.
 */
final class WechatPayStub implements AutoCloseable {

  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  WechatPayStub() {
    server.start();
  }

  String baseUrl() {
    return "http://localhost:" + server.port();
  }

  void stub(MappingBuilder mapping) {
    server.stubFor(mapping);
  }

  List<LoggedRequest> requests() {
    return server.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
  }

  LoggedRequest onlyRequest() {
    List<LoggedRequest> all = requests();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one request to WeChat Pay, got " + all.size());
    }
    return all.get(0);
  }

  /**
   * A success answer signed with the test's WeChat Pay key, stamped now (the SDK checks ±5 min).
   */
  static ResponseDefinitionBuilder signed(int status, String body) {
    return signedBy(TestKeys.WECHAT.getPrivate(), status, body);
  }

  static ResponseDefinitionBuilder signedBy(PrivateKey key, int status, String body) {
    // The SDK checks response freshness against the system clock, not the config's.
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = TestKeys.randomAlnum(32);
    ResponseDefinitionBuilder response =
        aResponse()
            .withStatus(status)
            .withHeader("Request-ID", "08F78BB5AF0610D302A1A7E9CE0C2C0E")
            .withHeader("Wechatpay-Serial", TestKeys.PUBLIC_KEY_ID)
            .withHeader("Wechatpay-Timestamp", timestamp)
            .withHeader("Wechatpay-Nonce", nonce)
            .withHeader(
                "Wechatpay-Signature",
                TestKeys.sign(key, timestamp + "\n" + nonce + "\n" + body + "\n"));
    if (!body.isEmpty()) {
      response.withHeader("Content-Type", "application/json").withBody(body);
    }
    return response;
  }

  /** An error answer as WeChat sends them; the SDK reads errors before checking signatures. */
  static ResponseDefinitionBuilder error(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  @Override
  public void close() {
    server.stop();
  }
}
