package io.payflow.examples.simulator;

import io.payflow.examples.web.ApiError;
import io.payflow.wechat.testkit.DeliveryResult;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.WechatPaySimulator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated payer (用户完成支付): makes the simulator pay or fail a payment, then sends WeChat's
 * signed, encrypted callback to this shop's notify endpoint, exactly as WeChat would. Only there
 * while the simulator is on.
 */
@RestController
@ConditionalOnProperty(name = SimulatorInitializer.ENABLED, matchIfMissing = true)
public class SimulatorController {

  private final WechatPaySimulator simulator;
  private final String notifyPath;
  private final String contextPath;

  public SimulatorController(
      WechatPaySimulator simulator,
      @Value("${payflow.wechat.notify-path:/payflow/wechat/notify}") String notifyPath,
      @Value("${server.servlet.context-path:}") String contextPath) {
    this.simulator = simulator;
    this.notifyPath = notifyPath;
    this.contextPath = contextPath;
  }

  /** The payer confirms: WeChat marks the payment SUCCESS and calls the shop back. */
  @PostMapping("/simulator/payments/{paymentNo}/succeed")
  public Map<String, Object> succeed(@PathVariable String paymentNo, HttpServletRequest request) {
    return settle(paymentNo, simulator::pay, request);
  }

  /** The payer's payment fails (PAYERROR): WeChat calls the shop back with the failure. */
  @PostMapping("/simulator/payments/{paymentNo}/fail")
  public Map<String, Object> fail(@PathVariable String paymentNo, HttpServletRequest request) {
    return settle(paymentNo, simulator::payError, request);
  }

  private Map<String, Object> settle(
      String paymentNo, Function<String, SimulatedOrder> outcome, HttpServletRequest request) {
    SimulatedOrder order = outcome.apply(paymentNo);
    // The request came in on this app's own port: the callback goes back to the same place.
    String url = "http://127.0.0.1:" + request.getLocalPort() + contextPath + notifyPath;
    DeliveryResult answer =
        simulator.deliver(simulator.transactionNotification(paymentNo).to(url).build());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("paymentNo", paymentNo);
    body.put("tradeState", order.state().name());
    body.put("callbackUrl", url);
    body.put("callbackStatus", answer.status());
    body.put("callbackAcknowledged", answer.acknowledged());
    body.put("callbackAnswer", answer.responseBody());
    return body;
  }

  /** The simulator never saw a prepay with this number. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ApiError> unknown(IllegalArgumentException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(new ApiError("NOT_FOUND", String.valueOf(e.getMessage())));
  }

  /** The payment is no longer waiting for the payer (already paid, failed or closed). */
  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<ApiError> settled(IllegalStateException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(new ApiError("PAYMENT_NOT_PENDING", String.valueOf(e.getMessage())));
  }
}
