package io.payflow.examples.push;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's SMS outage switch ({@code GET|PUT /demo/sms-gateway {"down":true}}): lets the ops page
 * make a notification die and then retry it. A real shop has no such thing.
 */
@RestController
public class SmsGatewayController {

  /** {@code {"down": true|false}}. */
  public record GatewayState(@Nullable Boolean down) {}

  private final SmsNotifier sms;

  public SmsGatewayController(SmsNotifier sms) {
    this.sms = sms;
  }

  @GetMapping("/demo/sms-gateway")
  public Map<String, Boolean> state() {
    return Map.of("down", sms.gatewayDown());
  }

  @PutMapping("/demo/sms-gateway")
  public Map<String, Boolean> set(@RequestBody GatewayState state) {
    sms.gatewayDown(Boolean.TRUE.equals(state.down()));
    return state();
  }
}
