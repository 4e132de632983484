package io.payflow.core.event;

import io.payflow.core.model.Order;
import java.time.Instant;

/** An order was created and its stock reserved. */
public record OrderCreated(Instant at, Order order) implements PayFlowEvent {
  @Override
  public String orderNo() {
    return order.orderNo();
  }
}
