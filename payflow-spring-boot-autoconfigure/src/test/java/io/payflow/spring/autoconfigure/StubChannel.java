package io.payflow.spring.autoconfigure;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.Prepaid;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.Payment;

/** A channel that is only there to be counted: every call to it fails the test. */
final class StubChannel implements PaymentChannel {

  private final String id;

  StubChannel(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Prepaid prepay(PrepayRequest request) {
    throw new AssertionError("not expected in this test");
  }

  @Override
  public Prepaid resume(Payment payment) {
    throw new AssertionError("not expected in this test");
  }

  @Override
  public PaymentResult query(String paymentNo) {
    throw new AssertionError("not expected in this test");
  }

  @Override
  public void close(String paymentNo) {
    throw new AssertionError("not expected in this test");
  }

  @Override
  public RefundResult refund(RefundRequest request) {
    throw new AssertionError("not expected in this test");
  }

  @Override
  public RefundResult queryRefund(String refundNo) {
    throw new AssertionError("not expected in this test");
  }

  @Override
  public CallbackEvent parseCallback(CallbackRequest request) {
    // Answers with this channel's own id, so a test can tell which channel payflow routed to.
    throw new CallbackRejectedException(400, "rejected by " + id);
  }

  @Override
  public CallbackAnswer acknowledge() {
    return new CallbackAnswer(204, "", "");
  }

  @Override
  public CallbackAnswer reject(int httpStatus, String message) {
    return new CallbackAnswer(httpStatus, "text/plain", id + ": " + message);
  }
}
