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
import io.payflow.core.model.Refund;
import io.payflow.core.spi.OrderStore;
import io.payflow.examples.push.OrderEventHub;
import io.payflow.examples.web.Dtos.CancelBody;
import io.payflow.examples.web.Dtos.CreateOrderBody;
import io.payflow.examples.web.Dtos.CreatedOrder;
import io.payflow.examples.web.Dtos.ItemBody;
import io.payflow.examples.web.Dtos.OrderPage;
import io.payflow.examples.web.Dtos.OrderSummary;
import io.payflow.examples.web.Dtos.OrderView;
import io.payflow.examples.web.Dtos.RefundBody;
import io.payflow.examples.web.Dtos.RefundView;
import io.payflow.examples.web.Dtos.StartPaymentBody;
import io.payflow.examples.web.Dtos.StartedPayment;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The shop's order API: the reference diagram's API网关, calling the {@link PayFlow} facade. It only
 * translates JSON to payflow's requests and back; every rule (stock, price, payability) is
 * payflow's.
 */
@RestController
public class OrderController {

  /** What a cancellation without a reason records. */
  static final String DEFAULT_CANCEL_REASON = "买家取消 / cancelled by the buyer";

  /** What a refund without a reason records. */
  static final String DEFAULT_REFUND_REASON = "买家申请退款 / refund asked by the buyer";

  /** The largest page of {@code GET /api/orders}. */
  static final int MAX_PAGE_SIZE = 100;

  private final PayFlow payFlow;
  private final OrderStore store;
  private final OrderEventHub events;

  public OrderController(PayFlow payFlow, OrderStore store, OrderEventHub events) {
    this.payFlow = payFlow;
    this.store = store;
    this.events = events;
  }

  /**
   * The orders of this shop, newest first, {@code size} per page, from payflow's store (so every
   * instance of the shop lists the same). Also the way back to an order whose page was closed.
   */
  @GetMapping("/api/orders")
  public OrderPage list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (page < 0) {
      throw new InvalidRequestException("page", "must be 0 or more, was " + page);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidRequestException(
          "size", "must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
    }
    long offset = (long) page * size;
    if (offset > Integer.MAX_VALUE - size) {
      throw new InvalidRequestException("page", "is too far: " + page);
    }
    // One more than asked tells whether there is a next page without counting the orders.
    List<OrderSummary> orders =
        store.findOrders((int) offset, size + 1).stream().map(OrderViews::summary).toList();
    boolean hasMore = orders.size() > size;
    return new OrderPage(page, size, hasMore ? orders.subList(0, size) : orders, hasMore);
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

  /**
   * Cancels an unpaid order (取消订单): payflow closes its payments at WeChat first, then the order,
   * and releases the stock. Cancelling a cancelled order changes nothing and answers the same; if
   * WeChat says the order was paid meanwhile, the answer is the paid order.
   */
  @PostMapping("/api/orders/{orderNo}/cancel")
  public OrderView cancel(
      @PathVariable String orderNo, @RequestBody(required = false) @Nullable CancelBody body) {
    String reason = body == null || body.reason() == null ? DEFAULT_CANCEL_REASON : body.reason();
    payFlow.cancel(orderNo, reason);
    return OrderViews.of(details(orderNo));
  }

  /**
   * Refunds part or all of a paid order (申请退款): answers 201 with the refund as it is when payflow
   * has recorded it. WeChat's answer and its refund notification come later and are pushed on the
   * order's event stream as {@code refund} events.
   */
  @PostMapping("/api/orders/{orderNo}/refunds")
  public ResponseEntity<RefundView> refund(
      @PathVariable String orderNo, @RequestBody RefundBody body) {
    long amount = require(body.amount(), "amount");
    String reason = body.reason() == null ? DEFAULT_REFUND_REASON : body.reason();
    Refund refund = payFlow.refund(orderNo, amount, reason);
    return ResponseEntity.created(URI.create("/api/orders/" + orderNo))
        .body(OrderViews.refund(refund));
  }

  /**
   * The QR code (二维码) of a Native payment's {@code code_url}, as SVG: what the payer scans with
   * WeChat. Only a payment's own URL is drawn, so this is no QR service for any text.
   */
  @GetMapping(value = "/api/orders/{orderNo}/payments/{paymentNo}/qr", produces = QR_MEDIA_TYPE)
  public ResponseEntity<String> qr(@PathVariable String orderNo, @PathVariable String paymentNo) {
    Payment payment =
        details(orderNo).payments().stream()
            .filter(p -> p.paymentNo().equals(paymentNo))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("payment", paymentNo));
    String codeUrl = payment.prepayData().get(CODE_URL);
    if (codeUrl == null) {
      throw new NotFoundException("QR code of payment", paymentNo + " (not a Native payment)");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(QR_MEDIA_TYPE))
        .cacheControl(CacheControl.noStore())
        .body(QrCodes.svg(codeUrl));
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

  private static final String QR_MEDIA_TYPE = "image/svg+xml";

  /** Where payflow-wechat keeps a Native payment's URL among its prepay data. */
  private static final String CODE_URL = "code_url";

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
