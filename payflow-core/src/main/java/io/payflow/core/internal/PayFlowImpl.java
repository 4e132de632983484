package io.payflow.core.internal;

import static io.payflow.core.internal.Traces.API;
import static io.payflow.core.internal.Traces.NS;
import static io.payflow.core.internal.Traces.OS;
import static io.payflow.core.internal.Traces.PS;
import static io.payflow.core.internal.Traces.WP;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.IllegalTransitionException;
import io.payflow.core.NotFoundException;
import io.payflow.core.OrderDetails;
import io.payflow.core.OrderNotPayableException;
import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.PaymentAmountMismatchException;
import io.payflow.core.PaymentStart;
import io.payflow.core.PrepayFailedException;
import io.payflow.core.StalePriceException;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.Prepaid;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectType;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.event.CallbackRejected;
import io.payflow.core.event.LatePaymentReceived;
import io.payflow.core.event.OrderCreated;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.PaymentTransitions;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundKind;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.RefundTransitions;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.Notification;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.PriceCatalog;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.trace.MermaidRenderer;
import io.payflow.core.trace.TraceEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link PayFlow}: decides every transition from a freshly loaded {@link
 * OrderRecord}, writes it with the effects and trace it owes as one compare-and-set {@link
 * StoreUpdate}, retries on a lost race, publishes the events after the commit, and hands the
 * effects to the {@link EffectRunner}. Channel calls happen outside any store write: a payment is
 * persisted {@code CREATED} before the prepay, and the prepay's answer is applied by another CAS.
 *
 * <p>Correctness never depends on an in-JVM lock, so several instances may share one store. This
 * class is threadsafe.
 */
final class PayFlowImpl implements PayFlow {

  private static final Logger log = LoggerFactory.getLogger(PayFlowImpl.class);

  /** Enough for many contending writers of one order; each retry reloads and decides again. */
  private static final int MAX_CAS_ATTEMPTS = 64;

  /** Payments whose outcome is still open at the channel. */
  private static final Set<PaymentStatus> OPEN =
      EnumSet.of(PaymentStatus.CREATED, PaymentStatus.PREPAID, PaymentStatus.UNKNOWN);

  private static final Set<OrderStatus> REFUNDABLE =
      EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING, OrderStatus.PARTIALLY_REFUNDED);

  /**
   * The reason of an automatic refund of a late payment. It marks the refund as one that does not
   * move the order (the order never took that money).
   */
  static final String LATE_REFUND_REASON = "迟到的支付，自动退款 / late payment refunded automatically";

  private static final int MAX_REFUND_REASON = 80;
  private static final int MAX_CANCEL_REASON = 255;

  private final OrderStore store;
  private final InventoryService inventory;
  private final PriceCatalog priceCatalog;
  private final FulfillmentService fulfillment;
  private final OrderNumberGenerator numbers;
  private final Clock clock;
  private final PayFlowConfig config;
  private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
  private final Map<String, PaymentChannel> channels = new LinkedHashMap<>();
  private final Listeners listeners = new Listeners();
  private final @Nullable ExecutorService ownedExecutor;
  private final EffectRunner effects;

  PayFlowImpl(PayFlowParts parts) {
    this.store = parts.orderStore();
    this.inventory = parts.inventory();
    this.priceCatalog = parts.priceCatalog();
    this.fulfillment = parts.fulfillment();
    this.numbers = parts.numberGenerator();
    this.clock = parts.clock();
    this.config = parts.config();
    parts.notifiers().forEach(n -> notifiers.put(n.name(), n));
    parts.channels().forEach(c -> channels.put(c.id(), c));
    parts.listeners().forEach(listeners::add);
    ExecutorService executor = parts.effectExecutor();
    if (executor == null) {
      executor = newDefaultExecutor();
      this.ownedExecutor = executor;
    } else {
      this.ownedExecutor = null;
    }
    this.effects = new EffectRunner(store, clock, config, executor, listeners, this::runEffect);
  }

  /**
   * The default effect pool: enough threads for every effect of a success to run at once (the
   * diagram's {@code par}), daemon so that a host that forgets {@code close()} can still exit.
   */
  private static ExecutorService newDefaultExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            16,
            16,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "payflow-effect-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  // ---------------------------------------------------------------- create

  @Override
  public Order createOrder(CreateOrderRequest request) {
    OrderRequests.Valid valid = OrderRequests.validate(request, config);
    List<OrderLine> lines = valid.lines();
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      OptionalLong current = priceCatalog.priceOf(line.sku());
      if (current.isEmpty()) {
        throw new InvalidRequestException(
            "lines[" + i + "].sku", "unknown sku " + line.sku() + ": the catalog has no price");
      }
      if (current.getAsLong() != line.unitPrice()) {
        throw new StalePriceException(line.sku(), line.unitPrice(), current.getAsLong());
      }
    }
    String orderNo = freeOrderNo();
    inventory.reserve(orderNo, lines);
    Instant now = clock.instant();
    Order order =
        new Order(
            orderNo,
            valid.userId(),
            lines,
            valid.total(),
            valid.description(),
            OrderStatus.PENDING_PAYMENT,
            1,
            now,
            now.plus(valid.expireAfter()),
            null,
            null,
            0,
            null,
            null);
    List<TraceEntry> trace =
        List.of(
            new TraceEntry(now, API, OS, "创建订单", false, ""),
            new TraceEntry(now, OS, OS, "验证商品库存和价格", false, Traces.CREATED),
            new TraceEntry(now, OS, OS, "生成订单号", false, Traces.CREATED),
            new TraceEntry(now, OS, API, "返回订单信息", true, Traces.CREATED));
    try {
      store.insert(new OrderRecord(order, List.of(), List.of()), List.of(), trace);
    } catch (RuntimeException e) {
      // Nothing is persisted, so nothing may stay held either.
      try {
        inventory.release(orderNo);
      } catch (RuntimeException releaseFailure) {
        e.addSuppressed(releaseFailure);
        log.error("payflow could not release the stock of unsaved order {}", orderNo, e);
      }
      throw e;
    }
    listeners.publish(new OrderCreated(now, order));
    return order;
  }

  /**
   * A number no stored order has. Inventory calls are keyed by order number, so reserving under a
   * number another order holds would share its reservation; checking first makes that a matter of a
   * generator collision within one write, which the store's unique key then refuses.
   */
  private String freeOrderNo() {
    for (int i = 0; i < 3; i++) {
      String orderNo = numbers.newOrderNo();
      if (store.load(orderNo).isEmpty()) {
        return orderNo;
      }
      log.warn("payflow number generator repeated order number {}; drawing another", orderNo);
    }
    throw new DuplicateNumberException(
        "the order number generator keeps producing numbers already in use");
  }

  // ---------------------------------------------------------------- start payment

  @Override
  public PaymentStart startPayment(StartPaymentRequest request) {
    if (request == null) {
      throw new InvalidRequestException("request", "must not be null");
    }
    String orderNo = required("orderNo", request.orderNo());
    required("channel", request.channel());
    if (request.tradeType() == null) {
      throw new InvalidRequestException("tradeType", "must not be null");
    }
    PaymentChannel channel = channels.get(request.channel());
    if (channel == null) {
      throw new InvalidRequestException(
          "channel",
          "no payment channel '" + request.channel() + "' (configured: " + channels.keySet() + ")");
    }
    if (request.tradeType() == TradeType.JSAPI && isBlank(request.payerId())) {
      throw new InvalidRequestException("payerId", "a JSAPI payment needs the payer's openid");
    }
    if (request.tradeType() == TradeType.H5 && isBlank(request.clientIp())) {
      throw new InvalidRequestException("clientIp", "an H5 payment needs the payer's client IP");
    }
    maxLength("payerId", request.payerId(), 128);
    maxLength("clientIp", request.clientIp(), 45);

    OrderRecord record = load(orderNo);
    requirePayable(record.order(), clock.instant());
    Optional<PaymentStart> resumed = resume(channel, record, request);
    if (resumed.isPresent()) {
      return resumed.get();
    }

    OrderRecord withPayment =
        transact(
            orderNo,
            "start-payment",
            c -> {
              requirePayable(c.order(), c.now());
              String paymentNo = numbers.newPaymentNo(orderNo, c.payments().size() + 1);
              c.addPayment(
                  new Payment(
                      paymentNo,
                      orderNo,
                      channel.id(),
                      request.tradeType(),
                      c.order().totalAmount(),
                      PaymentStatus.CREATED,
                      request.payerId(),
                      request.clientIp(),
                      Map.of(),
                      null,
                      null,
                      null,
                      c.now(),
                      c.now(),
                      null));
              c.trace(API, PS, "发起支付请求", Traces.CREATED)
                  .trace(PS, PS, "生成支付单号", Traces.CREATED)
                  .trace(PS, WP, "调用微信支付统一下单", Traces.CREATED);
            });
    Payment payment = withPayment.payments().get(withPayment.payments().size() - 1);
    Order order = withPayment.order();

    Prepaid prepaid;
    try {
      prepaid =
          channel.prepay(
              new PrepayRequest(
                  payment.paymentNo(),
                  orderNo,
                  payment.tradeType(),
                  payment.amount(),
                  order.description(),
                  order.expiresAt(),
                  payment.payerId(),
                  payment.clientIp()));
    } catch (ChannelException e) {
      throw prepayFailed(channel, payment, e);
    } catch (RuntimeException e) {
      // A channel that breaks its contract: the prepay may or may not have reached the channel.
      throw prepayFailed(
          channel,
          payment,
          new ChannelException(
              ChannelErrorKind.UNKNOWN_OUTCOME,
              null,
              "the channel failed unexpectedly: " + e.getClass().getSimpleName(),
              e));
    }

    String paymentNo = payment.paymentNo();
    OrderRecord after =
        transact(
            orderNo,
            "prepay",
            c -> {
              Payment current = c.payment(paymentNo);
              if (current.status() == PaymentStatus.CREATED
                  || current.status() == PaymentStatus.UNKNOWN) {
                c.movePayment(paymentNo, p -> p.prepaid(prepaid.prepayData(), c.now()));
                c.reply(WP, PS, "返回支付参数", Traces.PREPAY_OK)
                    .reply(PS, API, "返回支付参数", Traces.PREPAY_OK);
              } else if (current.status() == PaymentStatus.CLOSED) {
                // Closed (cancel, expiry) while the prepay was in flight: close it at the channel
                // too, so that the payer cannot pay what the order no longer takes.
                c.effect(EffectType.CLOSE_PAYMENT, paymentNo, "closed-during-prepay", Map.of());
              }
              // Anything else (SUCCEEDED: a result overtook the prepay's answer) is newer than the
              // prepay and is kept.
            });
    Payment settled = after.payment(paymentNo).orElseThrow();
    if (settled.status() == PaymentStatus.CLOSED) {
      throw new OrderNotPayableException(orderNo, "it was closed while the payment was starting");
    }
    return new PaymentStart(settled, prepaid.payParams(), false);
  }

  /** A still-prepaid payment of the same kind, re-signed by the channel instead of a new prepay. */
  private Optional<PaymentStart> resume(
      PaymentChannel channel, OrderRecord record, StartPaymentRequest request) {
    List<Payment> payments = new ArrayList<>(record.payments());
    for (int i = payments.size() - 1; i >= 0; i--) {
      Payment p = payments.get(i);
      if (p.status() == PaymentStatus.PREPAID
          && p.channel().equals(channel.id())
          && p.tradeType() == request.tradeType()
          && Objects.equals(p.payerId(), request.payerId())
          && !p.prepayData().isEmpty()) {
        try {
          return Optional.of(new PaymentStart(p, channel.resume(p).payParams(), true));
        } catch (ChannelException e) {
          log.info(
              "payflow cannot resume payment {} ({}); starting a new one", p.paymentNo(), e.kind());
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private void requirePayable(Order order, Instant now) {
    if (order.status() != OrderStatus.PENDING_PAYMENT) {
      throw new OrderNotPayableException(order.orderNo(), "it is " + order.status());
    }
    if (!now.isBefore(order.expiresAt())) {
      throw new OrderNotPayableException(order.orderNo(), "it expired at " + order.expiresAt());
    }
  }

  /** Records a failed prepay and returns what to throw; the order stays payable. */
  private PayFlowException prepayFailed(
      PaymentChannel channel, Payment payment, ChannelException e) {
    String paymentNo = payment.paymentNo();
    String orderNo = payment.orderNo();
    if (e.kind() == ChannelErrorKind.ALREADY_PAID) {
      try {
        Order order = applyPaymentResult(channel.query(paymentNo), false);
        return new OrderNotPayableException(orderNo, "it is already " + order.status());
      } catch (ChannelException queryFailure) {
        e = queryFailure;
      }
    }
    PaymentStatus to =
        e.kind() == ChannelErrorKind.UNKNOWN_OUTCOME
            ? PaymentStatus.UNKNOWN
            : PaymentStatus.PREPAY_FAILED;
    String code = e.channelCode() != null ? e.channelCode() : e.kind().name();
    String reason = e.getMessage();
    transact(
        orderNo,
        "prepay-failed",
        c -> {
          Payment current = c.payment(paymentNo);
          if (current.status() != PaymentStatus.CREATED && current.status() != PaymentStatus.UNKNOWN
              || current.status() == to) {
            return; // a result arrived meanwhile and is newer than this failure
          }
          c.movePayment(
              paymentNo,
              p ->
                  to == PaymentStatus.UNKNOWN
                      ? p.unknown(code, reason, c.now())
                      : p.prepayFailed(code, reason, c.now()));
          c.reply(WP, PS, "返回错误信息", Traces.PREPAY_FAILED)
              .reply(PS, API, "返回支付失败", Traces.PREPAY_FAILED);
        });
    return new PrepayFailedException(orderNo, paymentNo, e);
  }

  // ---------------------------------------------------------------- payment results

  @Override
  public Order handlePaymentResult(PaymentResult result) {
    if (result == null) {
      throw new InvalidRequestException("result", "must not be null");
    }
    required("paymentNo", result.paymentNo());
    if (result.outcome() == null) {
      throw new InvalidRequestException("outcome", "must not be null");
    }
    return applyPaymentResult(result, false);
  }

  private Order applyPaymentResult(PaymentResult result, boolean answeringCallback) {
    String orderNo =
        store
            .findOrderNoByPaymentNo(result.paymentNo())
            .orElseThrow(() -> new NotFoundException("payment", result.paymentNo()));
    String cause = result.source() == PaymentResult.Source.QUERY ? "query" : "callback";
    return transact(orderNo, cause, c -> decidePayment(c, result, answeringCallback)).order();
  }

  private void decidePayment(Change c, PaymentResult r, boolean answeringCallback) {
    Payment p = c.payment(r.paymentNo());
    String no = p.paymentNo();
    switch (r.outcome()) {
      case SUCCEEDED, REFUNDED -> {
        if (p.status() == PaymentStatus.SUCCEEDED) {
          return; // repeated: done already, owes nothing
        }
        if (r.amount() >= 0 && r.amount() != p.amount()) {
          // Callbacks, queries, reconciliation and expiry all pass here: no path marks an order
          // paid on an amount it did not ask for.
          throw new PaymentAmountMismatchException(no, p.amount(), r.amount());
        }
        Instant paidAt = r.paidAt() != null ? r.paidAt() : c.now();
        traceArrival(c, r);
        Payment paid = c.movePayment(no, x -> x.succeeded(r.transactionId(), paidAt, c.now()));
        if (c.order().status() == OrderStatus.PENDING_PAYMENT) {
          paySucceeded(c, no, paidAt, answeringCallback);
        } else {
          latePayment(c, paid, answeringCallback);
        }
      }
      case FAILED -> {
        if (p.status() == PaymentStatus.FAILED
            || !PaymentTransitions.allowed(p.status(), PaymentStatus.FAILED)) {
          return; // repeated, or too late: a success is never undone by a failure
        }
        traceArrival(c, r);
        c.movePayment(no, x -> x.failed(r.channelState(), r.message(), c.now()));
        boolean othersOpen =
            c.payments().stream()
                .anyMatch(q -> !q.paymentNo().equals(no) && OPEN.contains(q.status()));
        if (c.order().status() == OrderStatus.PENDING_PAYMENT && !othersOpen) {
          payFailed(c, r, answeringCallback);
        } else if (answeringCallback) {
          c.reply(PS, WP, "确认回调处理成功", Traces.PAY_FAILED);
        }
      }
      case CLOSED -> {
        if (p.status() == PaymentStatus.CLOSED
            || !PaymentTransitions.allowed(p.status(), PaymentStatus.CLOSED)) {
          return;
        }
        traceArrival(c, r);
        c.movePayment(no, x -> x.closed(r.channelState(), r.message(), c.now()));
      }
      case NOT_FOUND -> {
        // The prepay never reached the channel: give this payment up; the order stays payable and
        // the next attempt gets a new number.
        if (p.status() != PaymentStatus.CREATED && p.status() != PaymentStatus.UNKNOWN) {
          return;
        }
        traceArrival(c, r);
        c.movePayment(
            no, x -> x.prepayFailed(r.channelState(), "the channel has no such payment", c.now()));
      }
      case PENDING -> {
        // Still payable at the channel: nothing to record.
      }
    }
  }

  private void paySucceeded(Change c, String paymentNo, Instant paidAt, boolean answeringCallback) {
    c.moveOrder(OrderStatus.PAID, o -> o.paid(paidAt));
    c.trace(PS, OS, "更新订单状态为已支付", Traces.PAY_OK);
    c.effect(EffectType.CONFIRM_STOCK, null, "reservation", Map.of());
    c.trace(OS, OS, "扣减库存", Traces.PAY_OK);
    if (notify(c, NotificationType.PAYMENT_SUCCEEDED, NotificationType.PAYMENT_SUCCEEDED.name())
        > 0) {
      c.trace(OS, NS, "发送支付成功通知", Traces.PAY_OK);
    }
    if (answeringCallback) {
      c.reply(PS, WP, "确认回调处理成功", Traces.PAY_OK);
    }
    c.effect(EffectType.START_FULFILLMENT, null, "paid", Map.of());
    for (Payment other : c.payments()) {
      if (!other.paymentNo().equals(paymentNo) && OPEN.contains(other.status())) {
        // The order is paid: nobody may pay it twice through another prepay.
        c.effect(
            EffectType.CLOSE_PAYMENT, other.paymentNo(), "superseded", Map.of("why", "superseded"));
      }
    }
  }

  private void payFailed(Change c, PaymentResult r, boolean answeringCallback) {
    String reason =
        "支付失败 / payment failed: "
            + r.channelState()
            + (r.message() == null ? "" : " (" + r.message() + ")");
    c.moveOrder(OrderStatus.PAYMENT_FAILED, o -> o.paymentFailed(reason, c.now()));
    c.trace(PS, OS, "更新订单状态为支付失败", Traces.PAY_FAILED);
    c.effect(EffectType.RELEASE_STOCK, null, "reservation", Map.of());
    c.trace(OS, OS, "释放锁定库存", Traces.PAY_FAILED);
    if (answeringCallback) {
      c.reply(PS, WP, "确认回调处理成功", Traces.PAY_FAILED);
    }
    notify(c, NotificationType.PAYMENT_FAILED, NotificationType.PAYMENT_FAILED.name());
  }

  /** Money for an order that can no longer take it: record it, refund it, say so. */
  private void latePayment(Change c, Payment paid, boolean answeringCallback) {
    c.trace(PS, PS, "记录迟到的支付", Traces.LATE);
    String refundNo = null;
    if (config.refundLatePayments()) {
      refundNo = numbers.newRefundNo(c.order().orderNo(), c.refunds().size() + 1);
      c.addRefund(
          new Refund(
              refundNo,
              c.order().orderNo(),
              paid.paymentNo(),
              paid.amount(),
              LATE_REFUND_REASON,
              RefundStatus.CREATED,
              null,
              null,
              c.now(),
              c.now(),
              null,
              RefundKind.LATE_PAYMENT));
      c.effect(EffectType.REFUND_PAYMENT, refundNo, "refund", Map.of());
      c.trace(PS, PS, "生成退款单号", Traces.LATE);
    }
    if (answeringCallback) {
      c.reply(PS, WP, "确认回调处理成功", Traces.LATE);
    }
    log.warn(
        "payflow received payment {} for order {} which is {}; {}",
        paid.paymentNo(),
        paid.orderNo(),
        c.order().status(),
        refundNo == null ? "not refunding (refundLatePayments=false)" : "refunding as " + refundNo);
    c.event(new LatePaymentReceived(c.now(), paid, refundNo));
  }

  private void traceArrival(Change c, PaymentResult r) {
    if (r.source() == PaymentResult.Source.QUERY) {
      c.trace(PS, WP, "查询支付结果", Traces.PREPAY_OK).reply(WP, PS, "返回支付结果", Traces.PREPAY_OK);
    } else {
      c.trace(WP, PS, "支付结果回调", Traces.PREPAY_OK);
    }
  }

  /** Owes one notification per notifier that wants this type; returns how many. */
  private int notify(Change c, NotificationType type, String why) {
    int count = 0;
    for (Notifier n : notifiers.values()) {
      if (n.types().contains(type)) {
        c.effect(EffectType.NOTIFY, n.name(), why, Map.of("notification", type.name()));
        count++;
      }
    }
    return count;
  }

  // ---------------------------------------------------------------- callbacks

  @Override
  public CallbackAnswer handleCallback(String channelId, CallbackRequest request) {
    PaymentChannel channel = channelId == null ? null : channels.get(channelId);
    if (channel == null) {
      String reason = "unknown payment channel '" + channelId + "'";
      listeners.publish(
          new CallbackRejected(clock.instant(), String.valueOf(channelId), "", reason));
      // No channel to format the answer, so a fixed one: the id (from the caller's route, maybe
      // from the request) is not echoed into hand-written JSON, where a quote would break it.
      return new CallbackAnswer(
          404,
          "application/json",
          "{\"code\":\"NOT_FOUND\",\"message\":\"unknown payment channel\"}");
    }
    if (request == null || request.body() == null) {
      return rejected(channel, "", 400, "empty callback");
    }
    CallbackEvent event;
    try {
      event = channel.parseCallback(request);
    } catch (CallbackRejectedException e) {
      return rejected(channel, "", e.httpStatus(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("payflow could not read a {} callback", channelId, e);
      return rejected(channel, "", 500, "the callback could not be read; please retry");
    }
    try {
      if (event instanceof CallbackEvent.PaymentNotified notified) {
        return onPaymentCallback(channel, notified.result());
      }
      return onRefundCallback(channel, ((CallbackEvent.RefundNotified) event).result());
    } catch (RuntimeException e) {
      // Whatever went wrong, the channel retries a 5xx, and every transition is idempotent.
      log.error(
          "payflow failed to handle a {} callback; asking the channel to retry", channelId, e);
      return channel.reject(500, "internal error; please retry");
    }
  }

  private CallbackAnswer onPaymentCallback(PaymentChannel channel, PaymentResult result) {
    String paymentNo = result.paymentNo();
    Optional<String> orderNo = store.findOrderNoByPaymentNo(paymentNo);
    if (orderNo.isEmpty()) {
      return rejected(channel, "", 404, "unknown payment number " + paymentNo);
    }
    Payment payment = load(orderNo.get()).payment(paymentNo).orElseThrow();
    if (!payment.channel().equals(channel.id())) {
      return rejected(
          channel,
          orderNo.get(),
          400,
          "payment " + paymentNo + " belongs to channel " + payment.channel());
    }
    PaymentResult trusted = result;
    if (result.amount() >= 0 && result.amount() != payment.amount()) {
      log.warn(
          "payflow: callback of payment {} says {} fen, the payment is {} fen; asking the channel",
          paymentNo,
          result.amount(),
          payment.amount());
      try {
        trusted = channel.query(paymentNo);
      } catch (ChannelException e) {
        return rejected(
            channel,
            orderNo.get(),
            500,
            "amount differs from payment " + paymentNo + " and the query failed; please retry");
      }
      if (!paymentNo.equals(trusted.paymentNo())) {
        return rejected(channel, orderNo.get(), 500, "the query answered for another payment");
      }
    }
    try {
      applyPaymentResult(trusted, true);
    } catch (PaymentAmountMismatchException e) {
      log.error("payflow: {}", e.getMessage());
      // Not acknowledged, so the channel keeps the notification and retries it; nothing changed.
      return rejected(channel, orderNo.get(), 500, e.getMessage());
    }
    return channel.acknowledge();
  }

  private CallbackAnswer onRefundCallback(PaymentChannel channel, RefundResult result) {
    Optional<String> orderNo = store.findOrderNoByRefundNo(result.refundNo());
    if (orderNo.isEmpty()) {
      return rejected(channel, "", 404, "unknown refund number " + result.refundNo());
    }
    applyRefundResult(result, true);
    return channel.acknowledge();
  }

  private CallbackAnswer rejected(PaymentChannel channel, String orderNo, int status, String why) {
    log.warn("payflow rejected a {} callback ({}): {}", channel.id(), status, why);
    listeners.publish(new CallbackRejected(clock.instant(), channel.id(), orderNo, why));
    return channel.reject(status, why);
  }

  // ---------------------------------------------------------------- closing

  @Override
  public Order cancel(String orderNo, String reason) {
    required("orderNo", orderNo);
    required("reason", reason);
    maxLength("reason", reason, MAX_CANCEL_REASON);
    return closeOrder(orderNo, reason, "cancelled");
  }

  @Override
  public int closeExpiredOrders() {
    int closed = 0;
    for (String orderNo : store.findExpiredOrderNos(clock.instant(), config.batchSize())) {
      try {
        if (closeOrder(orderNo, "订单超时未支付 / not paid before it expired", "expired").status()
            == OrderStatus.CLOSED) {
          closed++;
        }
      } catch (ChannelException e) {
        log.info("payflow left expired order {} for the next sweep: {}", orderNo, e.getMessage());
      } catch (PayFlowException e) {
        log.warn("payflow could not close expired order {}: {}", orderNo, e.getMessage());
      }
    }
    return closed;
  }

  /**
   * Closes the order's open payments at the channel first, so that nobody can pay it afterwards,
   * then the order; if the channel says a payment was paid, runs the success path instead.
   *
   * @throws ChannelException if the channel could not close a payment (try again later)
   */
  private Order closeOrder(String orderNo, String reason, String cause) {
    OrderRecord record = load(orderNo);
    OrderStatus status = record.order().status();
    if (status == OrderStatus.CLOSED) {
      return record.order();
    }
    if (status != OrderStatus.PENDING_PAYMENT) {
      throw new IllegalTransitionException("order", orderNo, status, OrderStatus.CLOSED);
    }
    Set<String> closedAtChannel = new HashSet<>();
    for (Payment p : record.payments()) {
      if (!OPEN.contains(p.status())) {
        continue;
      }
      PaymentChannel channel = channelOf(p);
      try {
        channel.close(p.paymentNo());
      } catch (ChannelException e) {
        switch (e.kind()) {
          case ALREADY_CLOSED, NOT_FOUND -> {
            // closed, or never reached the channel: either way it cannot be paid
          }
          case ALREADY_PAID -> {
            return applyPaymentResult(channel.query(p.paymentNo()), false);
          }
          default -> throw e;
        }
      }
      closedAtChannel.add(p.paymentNo());
    }
    return transact(
            orderNo,
            cause,
            c -> {
              if (c.order().status() != OrderStatus.PENDING_PAYMENT) {
                return; // paid or closed meanwhile; the caller gets it as it is
              }
              for (Payment p : c.payments()) {
                if (!OPEN.contains(p.status())) {
                  continue;
                }
                c.movePayment(p.paymentNo(), x -> x.closed(c.now()));
                c.trace(PS, WP, "关闭支付订单", Traces.CLOSING);
                if (!closedAtChannel.contains(p.paymentNo())) {
                  // started after we closed the others: close it at the channel as an effect
                  c.effect(EffectType.CLOSE_PAYMENT, p.paymentNo(), cause, Map.of("why", cause));
                }
              }
              c.moveOrder(OrderStatus.CLOSED, o -> o.closed(reason, c.now()));
              c.trace(OS, OS, "更新订单状态为已关闭", Traces.CLOSING);
              c.effect(EffectType.RELEASE_STOCK, null, "reservation", Map.of());
              c.trace(OS, OS, "释放锁定库存", Traces.CLOSING);
              notify(c, NotificationType.ORDER_CLOSED, NotificationType.ORDER_CLOSED.name());
            })
        .order();
  }

  // ---------------------------------------------------------------- reconciliation

  @Override
  public int reconcilePayments() {
    Instant createdBefore = clock.instant().minus(config.reconcileQueryAfter());
    int settled = 0;
    for (Payment p : store.findPaymentsAwaitingResult(createdBefore, config.batchSize())) {
      PaymentChannel channel = channels.get(p.channel());
      if (channel == null) {
        log.warn("payflow cannot query payment {}: no channel '{}'", p.paymentNo(), p.channel());
        continue;
      }
      try {
        PaymentResult result;
        try {
          result = channel.query(p.paymentNo());
        } catch (ChannelException e) {
          if (e.kind() != ChannelErrorKind.NOT_FOUND) {
            throw e;
          }
          result =
              new PaymentResult(
                  channel.id(),
                  p.paymentNo(),
                  PaymentOutcome.NOT_FOUND,
                  e.channelCode() != null ? e.channelCode() : "NOT_FOUND",
                  null,
                  -1,
                  null,
                  e.getMessage(),
                  PaymentResult.Source.QUERY);
        }
        if (!p.paymentNo().equals(result.paymentNo())) {
          log.warn("payflow: the query of {} answered for {}", p.paymentNo(), result.paymentNo());
          continue;
        }
        applyPaymentResult(result, false);
        settled++;
      } catch (PaymentAmountMismatchException e) {
        log.error("payflow could not reconcile payment {}: {}", p.paymentNo(), e.getMessage());
      } catch (PayFlowException e) {
        log.info("payflow could not reconcile payment {}: {}", p.paymentNo(), e.getMessage());
      }
    }
    return settled;
  }

  // ---------------------------------------------------------------- refunds

  @Override
  public Refund refund(String orderNo, long amount, String reason) {
    required("orderNo", orderNo);
    if (amount <= 0) {
      throw new InvalidRequestException("amount", "must be at least 1 fen, was " + amount);
    }
    required("reason", reason);
    maxLength("reason", reason, MAX_REFUND_REASON);
    String[] created = new String[1];
    OrderRecord after =
        transact(
            orderNo,
            "refund",
            c -> {
              Order o = c.order();
              if (!REFUNDABLE.contains(o.status())) {
                throw new IllegalTransitionException(
                    "order", orderNo, o.status(), OrderStatus.REFUNDING);
              }
              long left = o.totalAmount() - o.refundedAmount();
              if (amount > left) {
                throw new InvalidRequestException(
                    "amount", amount + " fen is more than is left to refund (" + left + " fen)");
              }
              Payment paying = payingPayment(c);
              String refundNo = numbers.newRefundNo(orderNo, c.refunds().size() + 1);
              created[0] = refundNo;
              c.addRefund(
                  new Refund(
                      refundNo,
                      orderNo,
                      paying.paymentNo(),
                      amount,
                      reason,
                      RefundStatus.CREATED,
                      null,
                      null,
                      c.now(),
                      c.now(),
                      null,
                      RefundKind.REQUESTED));
              c.moveOrder(OrderStatus.REFUNDING, x -> x);
              c.effect(EffectType.REFUND_PAYMENT, refundNo, "refund", Map.of());
              c.trace(API, PS, "申请退款", Traces.REFUND).trace(PS, PS, "生成退款单号", Traces.REFUND);
            });
    return after.refund(created[0]).orElseThrow();
  }

  /** The payment that paid the order: succeeded, and not one refunded as a late payment. */
  private static Payment payingPayment(Change c) {
    Set<String> lateRefunded = new HashSet<>();
    c.refunds().stream()
        .filter(r -> r.kind() == RefundKind.LATE_PAYMENT)
        .forEach(r -> lateRefunded.add(r.paymentNo()));
    Payment fallback = null;
    for (Payment p : c.payments()) {
      if (p.status() != PaymentStatus.SUCCEEDED || lateRefunded.contains(p.paymentNo())) {
        continue;
      }
      if (Objects.equals(p.paidAt(), c.order().paidAt())) {
        return p;
      }
      if (fallback == null) {
        fallback = p;
      }
    }
    if (fallback == null) {
      throw new PayFlowException(
          PayFlowErrorCode.NO_PAYMENT,
          "order " + c.order().orderNo() + " has no succeeded payment to refund");
    }
    return fallback;
  }

  private Order applyRefundResult(RefundResult result, boolean answeringCallback) {
    String orderNo =
        store
            .findOrderNoByRefundNo(result.refundNo())
            .orElseThrow(() -> new NotFoundException("refund", result.refundNo()));
    return transact(orderNo, "refund-result", c -> decideRefund(c, result, answeringCallback))
        .order();
  }

  private void decideRefund(Change c, RefundResult result, boolean answeringCallback) {
    Refund r = c.refund(result.refundNo());
    RefundStatus to = result.status();
    if (r.status() == to || !RefundTransitions.allowed(r.status(), to)) {
      return; // repeated, already final, or backwards
    }
    boolean late = r.kind() == RefundKind.LATE_PAYMENT;
    String block = late ? Traces.LATE : Traces.REFUND;
    if (answeringCallback) {
      c.trace(WP, PS, "退款结果回调", block);
    } else {
      c.trace(PS, WP, "调用微信支付退款", block).reply(WP, PS, "返回退款结果", block);
    }
    Order o = c.order();
    switch (to) {
      case PROCESSING -> c.replaceRefund(r.processing(result.channelRefundId(), c.now()));
      case SUCCEEDED -> {
        Instant completedAt = result.completedAt() != null ? result.completedAt() : c.now();
        c.replaceRefund(r.succeeded(result.channelRefundId(), completedAt, c.now()));
        if (!late) {
          long refunded = o.refundedAmount() + r.amount();
          OrderStatus next =
              refunded >= o.totalAmount() ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
          if (o.status() == OrderStatus.REFUNDING) {
            c.moveOrder(next, x -> x.refundedMore(r.amount()));
            c.trace(PS, OS, next == OrderStatus.REFUNDED ? "更新订单状态为已退款" : "更新订单状态为部分退款", block);
          } else {
            c.editOrder(x -> x.refundedMore(r.amount()));
          }
          notify(c, NotificationType.REFUNDED, "REFUNDED:" + r.refundNo());
        }
      }
      case FAILED -> {
        c.replaceRefund(r.failed(result.channelRefundId(), result.channelState(), c.now()));
        if (!late && o.status() == OrderStatus.REFUNDING) {
          // Documented choice: a refused refund returns the order to where the money left it, so
          // that it can be refunded again (the table allows REFUNDING → PAID / FULFILLING).
          OrderStatus back =
              o.refundedAmount() > 0
                  ? OrderStatus.PARTIALLY_REFUNDED
                  : o.fulfillmentStartedAt() != null ? OrderStatus.FULFILLING : OrderStatus.PAID;
          c.moveOrder(back, x -> x);
          c.trace(PS, OS, "退款失败，恢复订单状态", block);
        }
      }
      default -> {
        // CREATED was handled above
      }
    }
    if (answeringCallback) {
      c.reply(PS, WP, "确认回调处理成功", block);
    }
  }

  // ---------------------------------------------------------------- effects

  @Override
  public int runDueEffects() {
    return effects.runDue();
  }

  @Override
  public boolean retryEffect(String effectId) {
    required("effectId", effectId);
    boolean revived = store.reviveEffect(effectId, clock.instant());
    if (revived) {
      effects.runNow(List.of(effectId));
    }
    return revived;
  }

  @Override
  public boolean awaitEffects(Duration timeout) throws InterruptedException {
    if (timeout == null) {
      throw new InvalidRequestException("timeout", "must not be null");
    }
    return effects.awaitIdle(timeout);
  }

  /** What each effect does. Every call is idempotent: an effect may run again after a crash. */
  private void runEffect(Effect e) throws Exception {
    switch (e.type()) {
      case CONFIRM_STOCK -> inventory.confirm(e.orderNo());
      case RELEASE_STOCK -> inventory.release(e.orderNo());
      case NOTIFY -> runNotify(e);
      case START_FULFILLMENT -> runFulfillment(e);
      case CLOSE_PAYMENT -> runClosePayment(e);
      case REFUND_PAYMENT -> runRefund(e);
    }
  }

  private void runNotify(Effect e) throws Exception {
    Notifier notifier = notifiers.get(target(e));
    if (notifier == null) {
      throw new PayFlowException(
          PayFlowErrorCode.UNKNOWN_NOTIFIER, "no notifier named " + e.target() + " is configured");
    }
    NotificationType type = NotificationType.valueOf(e.data().get("notification"));
    Order order = load(e.orderNo()).order();
    notifier.send(new Notification(e.id(), type, order));
    appendTrace(
        e.orderNo(),
        new TraceEntry(
            clock.instant(),
            NS,
            Traces.audience(notifier),
            Traces.notificationMessage(type, notifier.audience()),
            false,
            Traces.notificationBlock(type, notifier.name())));
  }

  private void runFulfillment(Effect e) throws Exception {
    Order order = load(e.orderNo()).order();
    if (order.status() == OrderStatus.REFUNDED) {
      log.info("payflow does not start fulfilment of order {}: it was refunded", order.orderNo());
      return;
    }
    fulfillment.startFulfillment(order);
    String lane = Traces.lane("fulfillment");
    transact(
        e.orderNo(),
        "fulfillment",
        c -> {
          c.trace(OS, OS, "触发发货流程", lane);
          if (c.order().fulfillmentStartedAt() == null) {
            c.editOrder(o -> o.fulfillmentStarted(c.now()));
          }
          if (c.order().status() == OrderStatus.PAID) {
            c.moveOrder(OrderStatus.FULFILLING, x -> x);
            c.trace(OS, OS, "更新订单状态为发货中", lane);
          }
        });
  }

  private void runClosePayment(Effect e) {
    String paymentNo = target(e);
    Payment payment = load(e.orderNo()).payment(paymentNo).orElseThrow();
    if (payment.status() == PaymentStatus.SUCCEEDED) {
      return; // it was paid; the late-payment path owns it now
    }
    PaymentChannel channel = channelOf(payment);
    try {
      channel.close(paymentNo);
    } catch (ChannelException ex) {
      switch (ex.kind()) {
        case ALREADY_CLOSED, NOT_FOUND -> {
          // nothing left to close
        }
        case ALREADY_PAID -> {
          applyPaymentResult(channel.query(paymentNo), false);
          return;
        }
        default -> throw ex;
      }
    }
    String block =
        "superseded".equals(e.data().get("why"))
            ? Traces.lane("close-" + paymentNo)
            : Traces.CLOSING;
    transact(
        e.orderNo(),
        "closed",
        c -> {
          Payment current = c.payment(paymentNo);
          if (OPEN.contains(current.status()) || current.status() == PaymentStatus.FAILED) {
            c.movePayment(paymentNo, x -> x.closed(c.now()));
            c.trace(PS, WP, "关闭支付订单", block);
          }
        });
  }

  private void runRefund(Effect e) {
    OrderRecord record = load(e.orderNo());
    Refund refund = record.refund(target(e)).orElseThrow();
    if (refund.status() != RefundStatus.CREATED) {
      return; // the channel answered already (a callback can overtake the effect)
    }
    Payment payment = record.payment(refund.paymentNo()).orElseThrow();
    RefundResult result;
    try {
      result =
          channelOf(payment)
              .refund(
                  new RefundRequest(
                      refund.refundNo(),
                      payment.paymentNo(),
                      payment.transactionId(),
                      refund.amount(),
                      payment.amount(),
                      refund.reason()));
    } catch (ChannelException ex) {
      if (ex.kind() == ChannelErrorKind.UNKNOWN_OUTCOME
          || ex.kind() == ChannelErrorKind.RETRY_LATER) {
        throw ex; // the same out_refund_no makes the retry safe
      }
      result =
          new RefundResult(
              refund.refundNo(),
              payment.paymentNo(),
              RefundStatus.FAILED,
              null,
              ex.channelCode() != null ? ex.channelCode() : ex.kind().name(),
              null);
    }
    applyRefundResult(result, false);
  }

  private static String target(Effect e) {
    if (e.target() == null) {
      throw new PayFlowException(
          PayFlowErrorCode.BAD_EFFECT, "effect " + e.id() + " has no target");
    }
    return e.target();
  }

  private void appendTrace(String orderNo, TraceEntry entry) {
    try {
      store.appendTrace(orderNo, List.of(entry));
    } catch (RuntimeException ex) {
      // The trace is for people; failing the effect over it would repeat the effect.
      log.warn("payflow could not append to the trace of order {}", orderNo, ex);
    }
  }

  // ---------------------------------------------------------------- queries & lifecycle

  @Override
  public Optional<OrderDetails> find(String orderNo) {
    required("orderNo", orderNo);
    return store
        .load(orderNo)
        .map(
            r ->
                new OrderDetails(r.order(), r.payments(), r.refunds(), store.findEffects(orderNo)));
  }

  @Override
  public String traceDiagram(String orderNo) {
    load(required("orderNo", orderNo));
    return MermaidRenderer.render("订单 " + orderNo + " 的支付流程", store.loadTrace(orderNo));
  }

  @Override
  public void addListener(PayFlowListener listener) {
    if (listener == null) {
      throw new InvalidRequestException("listener", "must not be null");
    }
    listeners.add(listener);
  }

  @Override
  public PayFlowConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (ownedExecutor != null) {
      EffectRunner.shutdown(ownedExecutor);
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Loads the order, lets {@code decision} draft a transition, and writes it as one CAS; on a lost
   * race it reloads and decides again. After the commit it publishes the events and starts the
   * effects. A decision that changes nothing writes nothing.
   *
   * @return the record as committed (or as loaded when nothing changed)
   */
  private OrderRecord transact(String orderNo, String cause, Consumer<Change> decision) {
    for (int attempt = 1; ; attempt++) {
      OrderRecord current = load(orderNo);
      Change change = new Change(current, clock.instant(), cause);
      decision.accept(change);
      if (!change.changed()) {
        return current;
      }
      StoreUpdate update = change.toUpdate();
      try {
        store.update(update);
      } catch (ConcurrentUpdateException e) {
        if (attempt >= MAX_CAS_ATTEMPTS) {
          throw e;
        }
        continue;
      }
      listeners.publishAll(change.events(update.record()));
      effects.runNow(change.effects().stream().map(Effect::id).toList());
      return update.record();
    }
  }

  private OrderRecord load(String orderNo) {
    return store.load(orderNo).orElseThrow(() -> new NotFoundException("order", orderNo));
  }

  private PaymentChannel channelOf(Payment p) {
    PaymentChannel channel = channels.get(p.channel());
    if (channel == null) {
      throw new PayFlowException(
          PayFlowErrorCode.UNKNOWN_CHANNEL,
          "payment " + p.paymentNo() + " uses channel '" + p.channel() + "', not configured");
    }
    return channel;
  }

  private static String required(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field, "must not be blank");
    }
    return value;
  }

  private static void maxLength(String field, @Nullable String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidRequestException(
          field, "must be at most " + max + " characters, was " + value.length());
    }
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
