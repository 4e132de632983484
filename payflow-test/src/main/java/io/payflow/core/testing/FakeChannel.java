package io.payflow.core.testing;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.Prepaid;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.Payment;
import io.payflow.core.model.RefundStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link PaymentChannel} that each test scripts: what prepay, query, close and refund answer, and
 * which callbacks verify. It records every call. Threadsafe.
 */
public final class FakeChannel implements PaymentChannel {

  public static final String ID = "wechat";
  private static final Instant PAID_AT = Instant.parse("2025-01-01T00:05:00Z");

  public volatile Function<PrepayRequest, Prepaid> onPrepay =
      r ->
          new Prepaid(
              Map.of("prepay_id", "wx" + r.paymentNo()),
              Map.of("package", "prepay_id=wx" + r.paymentNo()));
  public volatile Function<String, PaymentResult> onQuery = FakeChannel::pending;
  public volatile Consumer<String> onClose = no -> {};
  public volatile Function<RefundRequest, RefundResult> onRefund =
      r ->
          new RefundResult(
              r.refundNo(),
              r.paymentNo(),
              RefundStatus.SUCCEEDED,
              "wxr" + r.refundNo(),
              "SUCCESS",
              null);

  public final List<PrepayRequest> prepays = new CopyOnWriteArrayList<>();
  public final List<String> resumes = new CopyOnWriteArrayList<>();
  public final List<String> queries = new CopyOnWriteArrayList<>();
  public final List<String> closes = new CopyOnWriteArrayList<>();
  public final List<RefundRequest> refunds = new CopyOnWriteArrayList<>();
  private final Map<String, CallbackEvent> signedCallbacks = new ConcurrentHashMap<>();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "微信支付";
  }

  @Override
  public Prepaid prepay(PrepayRequest request) {
    prepays.add(request);
    return onPrepay.apply(request);
  }

  @Override
  public Prepaid resume(Payment payment) {
    resumes.add(payment.paymentNo());
    return new Prepaid(payment.prepayData(), Map.of("package", "resumed"));
  }

  @Override
  public PaymentResult query(String paymentNo) {
    queries.add(paymentNo);
    return onQuery.apply(paymentNo);
  }

  @Override
  public void close(String paymentNo) {
    closes.add(paymentNo);
    onClose.accept(paymentNo);
  }

  @Override
  public RefundResult refund(RefundRequest request) {
    refunds.add(request);
    return onRefund.apply(request);
  }

  @Override
  public RefundResult queryRefund(String refundNo) {
    throw new UnsupportedOperationException("not scripted");
  }

  /** A callback that verifies as this event; anything else is refused like a bad signature. */
  public CallbackRequest signed(CallbackEvent event) {
    String body = "{\"id\":\"" + UUID.randomUUID() + "\"}";
    signedCallbacks.put(body, event);
    return new CallbackRequest(body, Map.of("Wechatpay-Serial", "TEST"));
  }

  public CallbackRequest signed(PaymentResult result) {
    return signed(new CallbackEvent.PaymentNotified(result));
  }

  @Override
  public CallbackEvent parseCallback(CallbackRequest request) {
    CallbackEvent event = signedCallbacks.get(request.body());
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
    return new CallbackAnswer(
        httpStatus, "application/json", "{\"code\":\"FAIL\",\"message\":\"" + message + "\"}");
  }

  public static PaymentResult result(
      String paymentNo, PaymentOutcome outcome, long amount, PaymentResult.Source source) {
    boolean paid = outcome == PaymentOutcome.SUCCEEDED;
    return new PaymentResult(
        ID,
        paymentNo,
        outcome,
        switch (outcome) {
          case SUCCEEDED -> "SUCCESS";
          case FAILED -> "PAYERROR";
          case PENDING -> "NOTPAY";
          case CLOSED -> "CLOSED";
          case NOT_FOUND -> "ORDER_NOT_EXIST";
          case REFUNDED -> "REFUND";
        },
        paid ? "4200000" + paymentNo : null,
        amount,
        paid ? PAID_AT : null,
        paid ? null : "the payer's bank declined",
        source);
  }

  public static PaymentResult success(String paymentNo, long amount) {
    return result(paymentNo, PaymentOutcome.SUCCEEDED, amount, PaymentResult.Source.CALLBACK);
  }

  public static PaymentResult failure(String paymentNo, long amount) {
    return result(paymentNo, PaymentOutcome.FAILED, amount, PaymentResult.Source.CALLBACK);
  }

  public static PaymentResult pending(String paymentNo) {
    return result(paymentNo, PaymentOutcome.PENDING, -1, PaymentResult.Source.QUERY);
  }
}
