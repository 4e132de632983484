package io.payflow.spring.autoconfigure;

import io.payflow.core.PayFlow;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WeChat Pay callback endpoint ({@code POST payflow.wechat.notify-path}). It hands payflow the
 * body exactly as the bytes arrived and the headers as sent: the signature covers the raw body, and
 * a body bound to an object and written again fails verification (wechatpay-java #112). It answers
 * with payflow's {@link CallbackAnswer} unchanged, so WeChat sees the status and JSON it documents.
 *
 * <p>It reads the servlet request itself rather than through Spring's {@code HttpHeaders}, whose
 * type changed between Spring Framework 6 and 7. This class is threadsafe.
 */
@RestController
public class PayFlowCallbackController {

  /**
   * The largest body read. WeChat Pay's notifications are a few hundred bytes to a few KB; the
   * endpoint is open to anyone, and reading an unbounded body into memory would let one request
   * exhaust the heap.
   */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final PayFlow payFlow;
  private final String channel;

  public PayFlowCallbackController(PayFlow payFlow, String channel) {
    this.payFlow = payFlow;
    this.channel = channel;
  }

  @PostMapping("${payflow.wechat.notify-path:/payflow/wechat/notify}")
  public ResponseEntity<String> notify(HttpServletRequest request) throws IOException {
    // WeChat sends UTF-8 JSON; decoding the exact bytes keeps the signed text intact.
    byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      return ResponseEntity.status(413)
          .contentType(MediaType.APPLICATION_JSON)
          .body(
              "{\"code\":\"FAIL\",\"message\":\"callback body larger than "
                  + MAX_BODY_BYTES
                  + " bytes\"}");
    }
    String body = new String(bytes, StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      String value = request.getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    CallbackAnswer answer = payFlow.handleCallback(channel, new CallbackRequest(body, headers));
    ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
    if (answer.contentType() == null || answer.contentType().isEmpty()) {
      return response.build();
    }
    return response.contentType(MediaType.parseMediaType(answer.contentType())).body(answer.body());
  }
}
