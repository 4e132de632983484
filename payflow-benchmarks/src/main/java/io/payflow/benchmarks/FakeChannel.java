package io.payflow.benchmarks;

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
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A channel that answers at once from memory: every prepay succeeds, every query says the payment
 * is paid (or still pending), every close and refund succeeds. Callbacks are handed to {@code
 * callbacks} when one is given (the real {@code WechatPayChannel}, so that the callback path is
 * measured for real while the prepay costs nothing); without one, a callback's body is a payment
 * number and says it was paid. Threadsafe.
 */
final class FakeChannel implements PaymentChannel {

  private static final Prepaid PREPAID =
      new Prepaid(Map.of("prepay_id", "wx-fake"), Map.of("code_url", "weixin://fake"));
  private static final CallbackAnswer ACK = new CallbackAnswer(204, "", "");

  private final String id;
  private final Clock clock;
  private final @Nullable PaymentChannel callbacks;
  private volatile boolean queriesSayPaid = true;
  final LongAdder queries = new LongAdder();

  FakeChannel(String id, Clock clock, @Nullable PaymentChannel callbacks) {
    this.id = id;
    this.clock = clock;
    this.callbacks = callbacks;
  }

  /** Whether {@link #query} answers SUCCEEDED (else PENDING: the payer has not paid yet). */
  void queriesSayPaid(boolean paid) {
    this.queriesSayPaid = paid;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Prepaid prepay(PrepayRequest request) {
    return PREPAID;
  }

  @Override
  public Prepaid resume(Payment payment) {
    return PREPAID;
  }

  @Override
  public PaymentResult query(String paymentNo) {
    queries.increment();
    return queriesSayPaid
        ? new PaymentResult(
            id,
            paymentNo,
            PaymentOutcome.SUCCEEDED,
            "SUCCESS",
            "TX-" + paymentNo,
            -1,
            clock.instant(),
            null,
            PaymentResult.Source.QUERY)
        : new PaymentResult(
            id,
            paymentNo,
            PaymentOutcome.PENDING,
            "NOTPAY",
            null,
            -1,
            null,
            null,
            PaymentResult.Source.QUERY);
  }

  @Override
  public void close(String paymentNo) {}

  @Override
  public RefundResult refund(RefundRequest request) {
    return new RefundResult(
        request.refundNo(), request.paymentNo(), RefundStatus.SUCCEEDED, "RF", "SUCCESS", null);
  }

  @Override
  public RefundResult queryRefund(String refundNo) {
    throw new UnsupportedOperationException("not measured");
  }

  @Override
  public CallbackEvent parseCallback(CallbackRequest request) {
    if (callbacks != null) {
      return callbacks.parseCallback(request);
    }
    if (request.body().isBlank()) {
      throw new CallbackRejectedException(400, "no payment number");
    }
    // Unsigned: the body is the payment number, and the word is that it was paid.
    return new CallbackEvent.PaymentNotified(
        Fixtures.succeeded(id, request.body(), clock.instant()));
  }

  @Override
  public CallbackAnswer acknowledge() {
    return callbacks == null ? ACK : callbacks.acknowledge();
  }

  @Override
  public CallbackAnswer reject(int httpStatus, String message) {
    return callbacks == null
        ? new CallbackAnswer(httpStatus, "text/plain", message)
        : callbacks.reject(httpStatus, message);
  }
}
