package io.payflow.examples.simulator;

import io.payflow.examples.web.ApiError;
import io.payflow.wechat.testkit.DeliveryResult;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.Fault;
import io.payflow.wechat.testkit.RefundStatus;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.SimulatedRefund;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.WechatPaySimulator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated payer (用户完成支付) and WeChat's side of a refund: makes the simulator pay or fail a
 * payment, or end a refund, then sends WeChat's signed, encrypted callback to this shop's notify
 * endpoint, exactly as WeChat would: once, twice, late, or never. Only there while the simulator is
 * on.
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

  /** Tells the page that the simulator is on (with it off, this path is 404). */
  @GetMapping("/simulator")
  public Map<String, Object> status() {
    return Map.of("enabled", true, "merchantId", simulator.merchantId());
  }

  /**
   * Makes WeChat refuse the next prepay of this kind with {@code SYSTEM_ERROR} (微信下单失败), so that
   * the page shows the refusal and the retry with a new payment number.
   */
  @PostMapping("/simulator/prepays/fail-next")
  public Map<String, Object> failNextPrepay(@RequestParam String channel) {
    Endpoint endpoint =
        switch (channel) {
          case "WECHAT_JSAPI" -> Endpoint.JSAPI_PREPAY;
          case "WECHAT_NATIVE" -> Endpoint.NATIVE_PREPAY;
          case "WECHAT_APP" -> Endpoint.APP_PREPAY;
          case "WECHAT_H5" -> Endpoint.H5_PREPAY;
          default ->
              throw new SimulatorConflict(
                  "INVALID_REQUEST",
                  "channel: '" + channel + "' is not a WeChat payment kind",
                  HttpStatus.BAD_REQUEST);
        };
    simulator.failNext(endpoint, Fault.systemError());
    return Map.of("channel", channel, "fault", "SYSTEM_ERROR");
  }

  /** The most callbacks one request may ask for: enough for a duplicate, not a flood. */
  static final int MAX_CALLBACKS = 3;

  /**
   * The payer confirms: WeChat marks the payment SUCCESS and calls the shop back {@code callbacks}
   * times: 1 as usual, 2 or 3 as WeChat does when it missed the acknowledgement (a duplicated
   * callback), 0 for a callback that never arrives, which the shop's reconciliation (主动查单) settles
   * by querying WeChat.
   */
  @PostMapping("/simulator/payments/{paymentNo}/succeed")
  public Map<String, Object> succeed(
      @PathVariable String paymentNo,
      @RequestParam(defaultValue = "1") int callbacks,
      HttpServletRequest request) {
    checkCallbacks(callbacks);
    SimulatedOrder order = simulator.pay(paymentNo);
    return paymentAnswer(order, notifyPayment(paymentNo, callbacks, request));
  }

  /** The payer's payment fails (PAYERROR): WeChat calls the shop back with the failure. */
  @PostMapping("/simulator/payments/{paymentNo}/fail")
  public Map<String, Object> fail(
      @PathVariable String paymentNo,
      @RequestParam(defaultValue = "1") int callbacks,
      HttpServletRequest request) {
    checkCallbacks(callbacks);
    SimulatedOrder order = simulator.payError(paymentNo);
    return paymentAnswer(order, notifyPayment(paymentNo, callbacks, request));
  }

  /**
   * Sends the payment's callback now, as it stands at WeChat: a late callback after one that never
   * came (the shop may have settled it by a query meanwhile), or one more of a delivered one. The
   * shop must take either without changing anything twice.
   */
  @PostMapping("/simulator/payments/{paymentNo}/callback")
  public Map<String, Object> callback(@PathVariable String paymentNo, HttpServletRequest request) {
    SimulatedOrder order =
        simulator
            .order(paymentNo)
            .orElseThrow(() -> new IllegalArgumentException("no payment " + paymentNo));
    if (order.state() == TradeState.NOTPAY || order.state() == TradeState.USERPAYING) {
      throw new SimulatorConflict(
          "PAYMENT_PENDING",
          "payment " + paymentNo + " is " + order.state() + " at WeChat: pay or fail it first");
    }
    return paymentAnswer(order, notifyPayment(paymentNo, 1, request));
  }

  /** What WeChat holds of the payment: its trade state (NOTPAY, SUCCESS, PAYERROR, CLOSED…). */
  @GetMapping("/simulator/payments/{paymentNo}")
  public Map<String, Object> payment(@PathVariable String paymentNo) {
    SimulatedOrder order =
        simulator
            .order(paymentNo)
            .orElseThrow(() -> new IllegalArgumentException("no payment " + paymentNo));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("paymentNo", paymentNo);
    body.put("tradeState", order.state().name());
    body.put("total", order.total());
    body.put("refunded", order.refunded());
    return body;
  }

  /**
   * Ends a refund at WeChat and sends its refund notification (退款结果通知): {@code succeed} (the money
   * is back with the payer), {@code abnormal} (退款异常, e.g. the card was cancelled) or {@code closed}
   * (退款关闭). With {@code callbacks=0} nothing is sent.
   */
  @PostMapping("/simulator/refunds/{refundNo}/{outcome}")
  public Map<String, Object> refund(
      @PathVariable String refundNo,
      @PathVariable String outcome,
      @RequestParam(defaultValue = "1") int callbacks,
      HttpServletRequest request) {
    checkCallbacks(callbacks);
    SimulatedRefund refund;
    try {
      refund =
          switch (outcome) {
            case "succeed" -> simulator.completeRefund(refundNo);
            case "abnormal" -> simulator.failRefund(refundNo, RefundStatus.ABNORMAL);
            case "closed" -> simulator.failRefund(refundNo, RefundStatus.CLOSED);
            default ->
                throw new SimulatorConflict(
                    "INVALID_REQUEST",
                    "outcome: '" + outcome + "' is not one of succeed, abnormal, closed",
                    HttpStatus.BAD_REQUEST);
          };
    } catch (IllegalStateException e) {
      throw new SimulatorConflict("REFUND_NOT_PROCESSING", String.valueOf(e.getMessage()));
    }
    String url = callbackUrl(request);
    List<DeliveryResult> answers =
        callbacks == 0
            ? List.of()
            : simulator.deliver(simulator.refundNotification(refundNo).to(url).build(), callbacks);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("refundNo", refundNo);
    body.put("refundStatus", refund.status().name());
    addCallbacks(body, url, answers);
    return body;
  }

  private static void checkCallbacks(int callbacks) {
    if (callbacks < 0 || callbacks > MAX_CALLBACKS) {
      throw new SimulatorConflict(
          "INVALID_REQUEST",
          "callbacks: must be between 0 and " + MAX_CALLBACKS + ", was " + callbacks,
          HttpStatus.BAD_REQUEST);
    }
  }

  private List<DeliveryResult> notifyPayment(
      String paymentNo, int callbacks, HttpServletRequest request) {
    if (callbacks == 0) {
      return List.of();
    }
    return simulator.deliver(
        simulator.transactionNotification(paymentNo).to(callbackUrl(request)).build(), callbacks);
  }

  /** The request came in on this app's own port: the callback goes back to the same place. */
  private String callbackUrl(HttpServletRequest request) {
    return "http://127.0.0.1:" + request.getLocalPort() + contextPath + notifyPath;
  }

  private Map<String, Object> paymentAnswer(SimulatedOrder order, List<DeliveryResult> answers) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("paymentNo", order.outTradeNo());
    body.put("tradeState", order.state().name());
    addCallbacks(body, answers.isEmpty() ? null : answers.get(0).request().url(), answers);
    return body;
  }

  /**
   * The answers of the shop's callback endpoint; {@code callbackAcknowledged} is true when every
   * callback sent was (and false when none was sent).
   */
  private static void addCallbacks(
      Map<String, Object> body, @Nullable String url, List<DeliveryResult> answers) {
    body.put("callbacks", answers.size());
    if (url != null) {
      body.put("callbackUrl", url);
    }
    body.put(
        "callbackAcknowledged",
        !answers.isEmpty() && answers.stream().allMatch(DeliveryResult::acknowledged));
    if (!answers.isEmpty()) {
      DeliveryResult last = answers.get(answers.size() - 1);
      body.put("callbackStatus", last.status());
      body.put("callbackAnswer", last.responseBody());
    }
  }

  /** A simulator request that does not fit the payment's or refund's state. */
  static final class SimulatorConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;
    final HttpStatus status;

    SimulatorConflict(String code, String message) {
      this(code, message, HttpStatus.CONFLICT);
    }

    SimulatorConflict(String code, String message, HttpStatus status) {
      super(message);
      this.code = code;
      this.status = status;
    }
  }

  @ExceptionHandler(SimulatorConflict.class)
  ResponseEntity<ApiError> conflict(SimulatorConflict e) {
    return ResponseEntity.status(e.status)
        .body(new ApiError(e.code, String.valueOf(e.getMessage())));
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
