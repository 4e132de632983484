package io.payflow.core.testing;

import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.RefundStatus;
import java.time.Instant;

/**
 * Values for tests, built in one place so that a change of a record's shape is fixed here and not
 * in every test. Threadsafe (no state).
 */
public final class TestData {

  private TestData() {}

  /** A success of this payment at this time, as a callback says it. */
  public static PaymentResult paidAt(String paymentNo, long amount, Instant paidAt) {
    return new PaymentResult(
        FakeChannel.ID,
        paymentNo,
        PaymentOutcome.SUCCEEDED,
        "SUCCESS",
        "4200000" + paymentNo,
        amount,
        paidAt,
        null,
        PaymentResult.Source.CALLBACK);
  }

  /** A channel's word on a refund. */
  public static RefundResult refundResult(
      String refundNo, String paymentNo, RefundStatus status, String channelState) {
    return new RefundResult(
        refundNo,
        paymentNo,
        status,
        status == RefundStatus.FAILED ? null : "wxr" + refundNo,
        channelState,
        null);
  }
}
