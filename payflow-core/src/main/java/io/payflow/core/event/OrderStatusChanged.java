package io.payflow.core.event;

import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import java.time.Instant;

/** An order moved from one status to another; {@code cause} says why, e.g. {@code callback}. */
public record OrderStatusChanged(
    Instant at, Order order, OrderStatus from, OrderStatus to, String cause)
    implements PayFlowEvent {
  @Override
  public String orderNo() {
    return order.orderNo();
  }
}
