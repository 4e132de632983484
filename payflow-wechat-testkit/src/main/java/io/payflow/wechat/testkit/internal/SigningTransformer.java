package io.payflow.wechat.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The WireMock extension that hands every request to {@link WechatPayApi} and signs the answer as
 * WeChat does ({@code Wechatpay-Serial/-Signature/-Timestamp/-Nonce}), error answers included.
 *
 * <p>This class is threadsafe.
 */
final class SigningTransformer implements ResponseDefinitionTransformerV2 {

  private final WechatPayApi api;
  private final WechatSignatures signatures;

  SigningTransformer(WechatPayApi api, WechatSignatures signatures) {
    this.api = api;
    this.signatures = signatures;
  }

  @Override
  public String getName() {
    return "payflow-wechat-pay-simulator";
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    byte[] raw = request.getBody();
    // Decoded as UTF-8 whatever the Content-Type says: WeChat signs and verifies UTF-8 bytes.
    String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    Answer answer =
        api.handle(
            request.getMethod().getName(),
            request.getUrl(),
            request.containsHeader("Authorization") ? request.getHeader("Authorization") : null,
            body);
    ResponseDefinitionBuilder response =
        ResponseDefinitionBuilder.responseDefinition()
            .withStatus(answer.status())
            .withHeader("Request-ID", UUID.randomUUID().toString());
    for (Map.Entry<String, String> header : signatures.sign(answer.body()).entrySet()) {
      response.withHeader(header.getKey(), header.getValue());
    }
    if (!answer.body().isEmpty()) {
      response
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody(answer.body().getBytes(StandardCharsets.UTF_8));
    }
    if (!answer.delay().isZero()) {
      response.withFixedDelay((int) answer.delay().toMillis());
    }
    return response.build();
  }
}
