package io.payflow.examples.web;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.NotFoundException;
import io.payflow.core.OrderDetails;
import io.payflow.core.PayFlow;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.Payment;
import io.payflow.examples.push.OrderEventHub;
import io.payflow.examples.web.Dtos.CreateOrderBody;
import io.payflow.examples.web.Dtos.CreatedOrder;
import io.payflow.examples.web.Dtos.ItemBody;
import io.payflow.examples.web.Dtos.OrderView;
import io.payflow.examples.web.Dtos.StartPaymentBody;
import io.payflow.examples.web.Dtos.StartedPayment;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The shop's order API: the reference diagram's API网关, calling the {@link PayFlow} facade. It only
 * translates JSON to payflow's requests and back; every rule (stock, price, payability) is
 * payflow's.
 */
@RestController
public class OrderController {

  private final PayFlow payFlow;
  private final OrderEventHub events;

  public OrderController(PayFlow payFlow, OrderEventHub events) {
    this.payFlow = payFlow;
    this.events = events;
  }

  /** 创建订单: checks prices and stock, locks the stock, and answers 201 with the order number. */
  @PostMapping("/api/orders")
  public ResponseEntity<CreatedOrder> create(@RequestBody CreateOrderBody body) {
    Order order =
        payFlow.createOrder(
            new CreateOrderRequest(
                require(body.userId(), "userId"), lines(body.items()), body.description(), null));
    return ResponseEntity.created(URI.create("/api/orders/" + order.orderNo()))
        .body(
            new CreatedOrder(
                order.orderNo(),
                order.status(),
                order.totalAmount(),
                order.expiresAt(),
                order.userId(),
                OrderViews.items(order.lines())));
  }

  /** 发起支付请求: places the payment with WeChat Pay and returns what the front end pays with. */
  @PostMapping("/api/orders/{orderNo}/payments")
  public StartedPayment pay(
      @PathVariable String orderNo, @RequestBody StartPaymentBody body, HttpServletRequest http) {
    PaymentMethod method = method(body.channel());
    // WeChat H5 wants the payer's IP; the caller's address is the honest default for a browser.
    String clientIp =
        method == PaymentMethod.WECHAT_H5 && body.clientIp() == null
            ? http.getRemoteAddr()
            : body.clientIp();
    PaymentStart start =
        payFlow.startPayment(
            new StartPaymentRequest(
                orderNo, method.channel(), method.tradeType(), body.openId(), clientIp));
    Payment payment = start.payment();
    return new StartedPayment(
        payment.paymentNo(),
        payment.orderNo(),
        method.name(),
        payment.tradeType().name(),
        payment.amount(),
        payment.status(),
        start.payParams(),
        start.resumed());
  }

  /** The order with its payments, stock state and the notifications it sent. */
  @GetMapping("/api/orders/{orderNo}")
  public OrderView get(@PathVariable String orderNo) {
    return OrderViews.of(details(orderNo));
  }

  /** The Mermaid sequence diagram of what happened to this order. */
  @GetMapping(value = "/api/orders/{orderNo}/trace", produces = MediaType.TEXT_PLAIN_VALUE)
  public String trace(@PathVariable String orderNo) {
    return payFlow.traceDiagram(orderNo);
  }

  /**
   * The order's live status as server-sent events: first a {@code status} event with where it is
   * now (so a page that subscribes late misses nothing), then every status change and every push
   * notification as they happen.
   */
  @GetMapping(value = "/api/orders/{orderNo}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter events(@PathVariable String orderNo) {
    details(orderNo);
    // Subscribe before reading the status, so that a change in between is sent, not lost.
    SseEmitter emitter = events.open(orderNo);
    Order now = details(orderNo).order();
    events.send(
        emitter,
        "status",
        Map.of("orderNo", orderNo, "status", now.status().name(), "cause", "snapshot"));
    return emitter;
  }

  private OrderDetails details(String orderNo) {
    return payFlow.find(orderNo).orElseThrow(() -> new NotFoundException("order", orderNo));
  }

  private static PaymentMethod method(String channel) {
    if (channel == null || channel.isBlank()) {
      throw new InvalidRequestException("channel", "is required, one of " + methods());
    }
    try {
      return PaymentMethod.valueOf(channel);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "channel", "'" + channel + "' is not supported, use one of " + methods());
    }
  }

  private static List<String> methods() {
    return Arrays.stream(PaymentMethod.values()).map(Enum::name).toList();
  }

  private static List<OrderLine> lines(List<ItemBody> items) {
    if (items == null) {
      throw new InvalidRequestException("items", "is required");
    }
    List<OrderLine> lines = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      ItemBody item = items.get(i);
      String at = "items[" + i + "]";
      if (item == null) {
        throw new InvalidRequestException(at, "is required");
      }
      lines.add(
          new OrderLine(
              require(item.sku(), at + ".sku"),
              require(item.quantity(), at + ".quantity"),
              require(item.unitPrice(), at + ".unitPrice")));
    }
    return lines;
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw new InvalidRequestException(field, "is required");
    }
    return value;
  }
}
