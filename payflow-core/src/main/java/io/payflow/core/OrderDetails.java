package io.payflow.core;

import io.payflow.core.effect.Effect;
import io.payflow.core.model.Order;
import io.payflow.core.model.Payment;
import io.payflow.core.model.Refund;
import java.util.List;

/**
 * Everything known about one order: its payments, refunds and the effects it owed.
 *
 * @param order the order
 * @param payments its payments, oldest first
 * @param refunds its refunds, oldest first
 * @param effects its effects (stock, notifications, fulfilment, channel calls) with their status
 */
public record OrderDetails(
    Order order, List<Payment> payments, List<Refund> refunds, List<Effect> effects) {

  public OrderDetails {
    payments = List.copyOf(payments);
    refunds = List.copyOf(refunds);
    effects = List.copyOf(effects);
  }
}
