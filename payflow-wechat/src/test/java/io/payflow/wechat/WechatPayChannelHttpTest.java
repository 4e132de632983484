package io.payflow.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.TradeType;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the simulator ({@code WechatPaySimulator}, see the {@code *SimulatorTest}s) cannot produce:
 * a base URL with a path prefix, answers signed with the wrong key, a gateway's HTML error page, a
 * refused connection.
 */
class WechatPayChannelHttpTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-11-24T10:30:00Z");

  private WechatPayStub wechat;
  private WechatPayChannel channel;

  @BeforeEach
  void start() {
    wechat = new WechatPayStub();
    channel = WechatPayChannel.create(config(wechat.baseUrl()).build());
  }

  @AfterEach
  void stop() {
    wechat.close();
  }

  private static WechatPayConfig.Builder config(String baseUrl) {
    return TestKeys.config().baseUrl(baseUrl).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static PrepayRequest prepay(TradeType type, String payerId, String clientIp) {
    return new PrepayRequest("P1", "O-1", type, 999, "Coffee x1", EXPIRES, payerId, clientIp);
  }

  @Test
  void baseUrlWithAPathPrefixKeepsIt() {
    channel = WechatPayChannel.create(config(wechat.baseUrl() + "/wxpay/").build());
    wechat.stub(
        post(urlEqualTo("/wxpay/v3/pay/transactions/native"))
            .willReturn(WechatPayStub.signed(200, "{\"code_url\":\"weixin://x\"}")));

    assertThat(channel.prepay(prepay(TradeType.NATIVE, null, null)).payParams())
        .containsEntry("code_url", "weixin://x");
  }

  @Test
  void resumeWithoutStoredDataIsRejected() {
    assertKind(() -> channel.resume(payment(TradeType.JSAPI, Map.of())), ChannelErrorKind.REJECTED);
  }

  @Test
  void answerSignedByAnotherKeyIsAnUnknownOutcome() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                WechatPayStub.signedBy(
                    TestKeys.MERCHANT.getPrivate(), 200, "{\"code_url\":\"weixin://forged\"}")));

    assertKind(
        () -> channel.prepay(prepay(TradeType.NATIVE, null, null)),
        ChannelErrorKind.UNKNOWN_OUTCOME);
  }

  @Test
  void refusedConnectionIsAnUnknownOutcome() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    channel = WechatPayChannel.create(config("http://localhost:" + closedPort).build());

    assertKind(() -> channel.query("P1"), ChannelErrorKind.UNKNOWN_OUTCOME);
  }

  @Test
  void htmlErrorPageFromAGatewayIsAnUnknownOutcome() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

    assertKind(
        () -> channel.prepay(prepay(TradeType.NATIVE, null, null)),
        ChannelErrorKind.UNKNOWN_OUTCOME);
  }

  private static Payment payment(TradeType type, Map<String, String> prepayData) {
    return new Payment(
        "P1",
        "O-1",
        "wechat",
        type,
        999,
        PaymentStatus.PREPAID,
        null,
        null,
        prepayData,
        null,
        null,
        null,
        NOW,
        NOW,
        null);
  }

  private static void assertKind(ThrowingCallable call, ChannelErrorKind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
