package io.payflow.core;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;

/**
 * A channel said a payment succeeded with another amount than the payment asked for. payflow does
 * not mark the order paid on such a word: the payment stays as it was and a person must look at it
 * (it usually means a payment number was reused elsewhere, or an answer was tampered with).
 */
public class PaymentAmountMismatchException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final String paymentNo;
  private final long expected;
  private final long reported;

  public PaymentAmountMismatchException(String paymentNo, long expected, long reported) {
    super(
        PayFlowErrorCode.AMOUNT_MISMATCH,
        "金额不符 / payment "
            + paymentNo
            + " is "
            + expected
            + " fen but the channel reports "
            + reported
            + " fen; not applied, please check it by hand");
    this.paymentNo = paymentNo;
    this.expected = expected;
    this.reported = reported;
  }

  public String paymentNo() {
    return paymentNo;
  }

  /** The payment's amount in fen. */
  public long expected() {
    return expected;
  }

  /** The amount in fen the channel reported. */
  public long reported() {
    return reported;
  }
}
