package io.payflow.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.security.PrivateKey;
import java.time.Instant;

/**
 * A minimal stand-in for WeChat Pay's API on WireMock, for the few answers the simulator ({@code
 * WechatPaySimulator} of {@code payflow-wechat-testkit}, which every other channel test uses)
 * cannot give: answers under a path prefix, signed with a wrong key, or not from WeChat at all.
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

  @Override
  public void close() {
    server.stop();
  }
}
