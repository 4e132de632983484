package io.payflow.core;

import io.payflow.core.model.Payment;
import java.util.Map;

/**
 * A payment ready to be paid by the front end.
 *
 * @param payment the payment (支付单), {@code PREPAID}
 * @param payParams what the front end needs, e.g. the {@code wx.requestPayment} parameters
 * @param resumed true if an earlier prepay of the same kind was reused instead of a new one
 */
public record PaymentStart(Payment payment, Map<String, String> payParams, boolean resumed) {

  public PaymentStart {
    payParams = Map.copyOf(payParams);
  }
}
