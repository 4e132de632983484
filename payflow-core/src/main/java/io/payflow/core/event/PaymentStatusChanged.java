package io.payflow.core.event;

import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import java.time.Instant;

/** A payment moved from one status to another; {@code cause} says why. */
public record PaymentStatusChanged(
    Instant at, Payment payment, PaymentStatus from, PaymentStatus to, String cause)
    implements PayFlowEvent {
  @Override
  public String orderNo() {
    return payment.orderNo();
  }
}
