package io.payflow.core.faults;

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
import io.payflow.core.model.Payment;
import io.payflow.core.model.RefundStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A payment channel that keeps the channel's own truth, as WeChat Pay does: each payment number it
 * was given (not paid, paid, failed, closed, refunded) and each refund, with the callbacks it owes
 * in an outbox that the test delivers, repeats, reorders or loses. The payer acts on it directly
 * ({@link #payerPays}, {@link #payerFails}). It refuses to refund more than was paid, and records
 * every such attempt. Threadsafe.
 */
public final class SimulatedChannel implements PaymentChannel {

  public static final String ID = "wechat";

  /** The channel's state of one payment, as WeChat's {@code trade_state}. */
  public enum TradeState {
    NOTPAY,
    SUCCESS,
    PAYERROR,
    CLOSED,
    REFUND
  }

  /** One payment as the channel knows it. */
  public static final class ChannelPayment {
    final String paymentNo;
    final String orderNo;
    final long amount;
    TradeState state = TradeState.NOTPAY;
    @Nullable Instant paidAt;
    long refunded;

    /** Paid although closed: a payer who paid just before the close landed. */
    boolean paidWhileClosed;

    ChannelPayment(String paymentNo, String orderNo, long amount) {
      this.paymentNo = paymentNo;
      this.orderNo = orderNo;
      this.amount = amount;
    }

    public String paymentNo() {
      return paymentNo;
    }

    public String orderNo() {
      return orderNo;
    }

    public long amount() {
      return amount;
    }

    public TradeState state() {
      return state;
    }

    public boolean paid() {
      return state == TradeState.SUCCESS || state == TradeState.REFUND;
    }

    public long refunded() {
      return refunded;
    }

    @Override
    public String toString() {
      return paymentNo + " " + state + " " + amount + " refunded " + refunded;
    }
  }

  /** One refund as the channel knows it. */
  public static final class ChannelRefund {
    final String refundNo;
    final String paymentNo;
    final long amount;
    RefundStatus status = RefundStatus.PROCESSING;

    ChannelRefund(String refundNo, String paymentNo, long amount) {
      this.refundNo = refundNo;
      this.paymentNo = paymentNo;
      this.amount = amount;
    }

    public String refundNo() {
      return refundNo;
    }

    public String paymentNo() {
      return paymentNo;
    }

    public long amount() {
      return amount;
    }

    public RefundStatus status() {
      return status;
    }

    @Override
    public String toString() {
      return refundNo + " of " + paymentNo + " " + amount + " " + status;
    }
  }

  private final Clock clock;
  private final Map<String, ChannelPayment> payments = new LinkedHashMap<>();
  private final Map<String, ChannelRefund> refunds = new LinkedHashMap<>();
  private final Map<String, CallbackEvent> signed = new LinkedHashMap<>();
  private final List<CallbackRequest> outbox = new ArrayList<>();
  private final List<String> anomalies = new ArrayList<>();
  private final AtomicLong callbackIds = new AtomicLong();

  /**
   * Runs at the start of every prepay, before the channel registers it: a test can hold it here.
   */
  public volatile Consumer<PrepayRequest> beforePrepay = r -> {};

  /**
   * Whether a new refund stays PROCESSING until {@link #settleRefunds} (else it succeeds at once).
   */
  public volatile boolean refundsProcessing = true;

  public SimulatedChannel(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Prepaid prepay(PrepayRequest request) {
    beforePrepay.accept(request);
    synchronized (this) {
      ChannelPayment p = payments.get(request.paymentNo());
      if (p == null) {
        p = new ChannelPayment(request.paymentNo(), request.orderNo(), request.amount());
        payments.put(p.paymentNo, p);
      } else if (p.amount != request.amount() || !p.orderNo.equals(request.orderNo())) {
        throw new ChannelException(
            ChannelErrorKind.DUPLICATE_NUMBER, "OUT_TRADE_NO_USED", "商户订单号重复");
      } else if (p.paid()) {
        throw new ChannelException(ChannelErrorKind.ALREADY_PAID, "ORDERPAID", "该订单已支付");
      } else if (p.state == TradeState.CLOSED) {
        throw new ChannelException(ChannelErrorKind.ALREADY_CLOSED, "ORDER_CLOSED", "订单已关闭");
      }
      return new Prepaid(
          Map.of("prepay_id", "wx" + p.paymentNo), Map.of("package", "prepay_id=wx" + p.paymentNo));
    }
  }

  @Override
  public Prepaid resume(Payment payment) {
    return new Prepaid(payment.prepayData(), Map.of("package", "resumed"));
  }

  @Override
  public synchronized PaymentResult query(String paymentNo) {
    ChannelPayment p = payments.get(paymentNo);
    if (p == null) {
      return new PaymentResult(
          ID,
          paymentNo,
          PaymentOutcome.NOT_FOUND,
          "ORDER_NOT_EXIST",
          null,
          -1,
          null,
          "订单不存在",
          PaymentResult.Source.QUERY);
    }
    return result(p, PaymentResult.Source.QUERY);
  }

  @Override
  public synchronized void close(String paymentNo) {
    ChannelPayment p = payments.get(paymentNo);
    if (p == null) {
      throw new ChannelException(ChannelErrorKind.NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在");
    }
    if (p.paid()) {
      throw new ChannelException(ChannelErrorKind.ALREADY_PAID, "ORDERPAID", "该订单已支付");
    }
    p.state = TradeState.CLOSED;
  }

  @Override
  public synchronized RefundResult refund(RefundRequest request) {
    ChannelRefund existing = refunds.get(request.refundNo());
    if (existing != null) {
      return refundResult(existing); // the same out_refund_no: the same refund
    }
    ChannelPayment p = payments.get(request.paymentNo());
    if (p == null || !p.paid()) {
      anomalies.add("refund " + request.refundNo() + " of a payment never paid: " + p);
      throw new ChannelException(ChannelErrorKind.REJECTED, "TRADE_NOT_PAID", "订单未支付");
    }
    if (p.refunded + request.amount() > p.amount) {
      anomalies.add(
          "refund "
              + request.refundNo()
              + " of "
              + request.amount()
              + " fen asks more than is left of "
              + p);
      throw new ChannelException(ChannelErrorKind.REJECTED, "INVALID_REQUEST", "退款金额超过可退金额");
    }
    p.refunded += request.amount();
    p.state = TradeState.REFUND;
    ChannelRefund r = new ChannelRefund(request.refundNo(), p.paymentNo, request.amount());
    refunds.put(r.refundNo, r);
    if (!refundsProcessing) {
      r.status = RefundStatus.SUCCEEDED;
      owe(new CallbackEvent.RefundNotified(refundResult(r)));
    }
    return refundResult(r);
  }

  @Override
  public synchronized RefundResult queryRefund(String refundNo) {
    ChannelRefund r = refunds.get(refundNo);
    if (r == null) {
      throw new ChannelException(ChannelErrorKind.NOT_FOUND, "RESOURCE_NOT_EXISTS", "退款单不存在");
    }
    return refundResult(r);
  }

  @Override
  public synchronized CallbackEvent parseCallback(CallbackRequest request) {
    CallbackEvent event = signed.get(request.body());
    if (event == null) {
      throw new CallbackRejectedException(401, "the WechatPay signature is incorrect");
    }
    return event;
  }

  @Override
  public CallbackAnswer acknowledge() {
    return new CallbackAnswer(204, "", "");
  }

  @Override
  public CallbackAnswer reject(int httpStatus, String message) {
    return new CallbackAnswer(httpStatus, "application/json", "{\"code\":\"FAIL\"}");
  }

  // ------------------------------------------------------------------ the payer and the world

  /** The payer pays this payment; false if the channel does not let them (not payable). */
  public synchronized boolean payerPays(String paymentNo) {
    ChannelPayment p = payments.get(paymentNo);
    if (p == null || p.state != TradeState.NOTPAY) {
      return false;
    }
    paid(p);
    return true;
  }

  /**
   * The payer pays although the payment was closed: the close and the payment crossed (WeChat's
   * {@code time_expire} is not honoured by every surface). False if it was never prepaid or paid.
   */
  public synchronized boolean payerPaysLate(String paymentNo) {
    ChannelPayment p = payments.get(paymentNo);
    if (p == null || p.paid() || p.state == TradeState.PAYERROR) {
      return false;
    }
    p.paidWhileClosed = p.state == TradeState.CLOSED;
    paid(p);
    return true;
  }

  private void paid(ChannelPayment p) {
    p.state = TradeState.SUCCESS;
    p.paidAt = clock.instant();
    owe(new CallbackEvent.PaymentNotified(result(p, PaymentResult.Source.CALLBACK)));
  }

  /** The payer's bank declines: the payment fails; false if it was not payable. */
  public synchronized boolean payerFails(String paymentNo) {
    ChannelPayment p = payments.get(paymentNo);
    if (p == null || p.state != TradeState.NOTPAY) {
      return false;
    }
    p.state = TradeState.PAYERROR;
    owe(new CallbackEvent.PaymentNotified(result(p, PaymentResult.Source.CALLBACK)));
    return true;
  }

  /** Every processing refund succeeds, each owing its callback; returns how many. */
  public synchronized int settleRefunds() {
    int settled = 0;
    for (ChannelRefund r : refunds.values()) {
      if (r.status == RefundStatus.PROCESSING) {
        r.status = RefundStatus.SUCCEEDED;
        owe(new CallbackEvent.RefundNotified(refundResult(r)));
        settled++;
      }
    }
    return settled;
  }

  /** A callback the channel owes, signed as it would sign it. */
  private void owe(CallbackEvent event) {
    CallbackRequest request = sign(event);
    outbox.add(request);
  }

  /** A callback that verifies as this event, without owing it (a test's own or a replay). */
  public synchronized CallbackRequest sign(CallbackEvent event) {
    String body = "{\"id\":\"cb-" + callbackIds.incrementAndGet() + "\"}";
    signed.put(body, event);
    return new CallbackRequest(body, Map.of("Wechatpay-Serial", "SIM"));
  }

  /** The callbacks owed and not yet acknowledged, oldest first. */
  public synchronized List<CallbackRequest> outbox() {
    return List.copyOf(outbox);
  }

  /** Takes a callback out of the outbox (delivered and acknowledged, or lost for good). */
  public synchronized boolean remove(CallbackRequest request) {
    return outbox.remove(request);
  }

  /** Whether this callback tells of a payment the payer paid after it was closed. */
  public synchronized boolean paidWhileClosed(CallbackRequest request) {
    return signed.get(request.body()) instanceof CallbackEvent.PaymentNotified n
        && payments.containsKey(n.result().paymentNo())
        && payments.get(n.result().paymentNo()).paidWhileClosed;
  }

  /** The event a signed callback carries. */
  public synchronized Optional<CallbackEvent> event(CallbackRequest request) {
    return Optional.ofNullable(signed.get(request.body()));
  }

  public synchronized List<ChannelPayment> payments() {
    return List.copyOf(payments.values());
  }

  public synchronized List<ChannelRefund> refunds() {
    return List.copyOf(refunds.values());
  }

  public synchronized Optional<ChannelPayment> payment(String paymentNo) {
    return Optional.ofNullable(payments.get(paymentNo));
  }

  /** The payments of an order in the order the channel got them. */
  public synchronized List<ChannelPayment> paymentsOf(String orderNo) {
    return payments.values().stream().filter(p -> p.orderNo.equals(orderNo)).toList();
  }

  /** Refunds of a payment never paid, or of more than was paid: each a bug. */
  public synchronized List<String> anomalies() {
    return List.copyOf(anomalies);
  }

  /** A fingerprint of the channel's state, to see when nothing moves any more. */
  synchronized String fingerprint() {
    return payments.values() + "|" + refunds.values() + "|" + outbox.size();
  }

  private PaymentResult result(ChannelPayment p, PaymentResult.Source source) {
    boolean paid = p.paid();
    PaymentOutcome outcome =
        switch (p.state) {
          case NOTPAY -> PaymentOutcome.PENDING;
          case SUCCESS -> PaymentOutcome.SUCCEEDED;
          case PAYERROR -> PaymentOutcome.FAILED;
          case CLOSED -> PaymentOutcome.CLOSED;
          case REFUND -> PaymentOutcome.REFUNDED;
        };
    return new PaymentResult(
        ID,
        p.paymentNo,
        outcome,
        p.state.name(),
        paid ? "4200" + p.paymentNo : null,
        p.amount,
        paid ? Objects.requireNonNull(p.paidAt) : null,
        paid ? null : "trade " + p.state,
        source);
  }

  private static RefundResult refundResult(ChannelRefund r) {
    return new RefundResult(
        r.refundNo,
        r.paymentNo,
        r.status,
        "50" + r.refundNo,
        r.status == RefundStatus.SUCCEEDED ? "SUCCESS" : "PROCESSING",
        null);
  }
}
