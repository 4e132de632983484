package io.payflow.core.event;

import io.payflow.core.model.Payment;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Money arrived for an order that can no longer take it (closed, failed, or already paid by another
 * payment). The payment is recorded as succeeded and, unless configured otherwise, refunded
 * automatically by {@code refundNo}.
 */
public record LatePaymentReceived(Instant at, Payment payment, @Nullable String refundNo)
    implements PayFlowEvent {
  @Override
  public String orderNo() {
    return payment.orderNo();
  }
}
