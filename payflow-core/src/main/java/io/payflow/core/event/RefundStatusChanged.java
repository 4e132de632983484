package io.payflow.core.event;

import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A refund was created ({@code from} null) or moved from one status to another. */
public record RefundStatusChanged(
    Instant at, Refund refund, @Nullable RefundStatus from, RefundStatus to)
    implements PayFlowEvent {
  @Override
  public String orderNo() {
    return refund.orderNo();
  }
}
