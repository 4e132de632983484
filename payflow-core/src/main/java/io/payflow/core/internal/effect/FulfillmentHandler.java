package io.payflow.core.internal.effect;

import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.spi.FulfillmentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts fulfilment (触发发货流程) of a paid order, then records on the order that it started and moves a
 * {@code PAID} order to {@code FULFILLING}. A refunded order is not fulfilled. This class is
 * threadsafe.
 */
public final class FulfillmentHandler implements EffectHandler<OwedEffect.StartFulfillment> {

  private static final Logger log = LoggerFactory.getLogger(FulfillmentHandler.class);

  private final FulfillmentService fulfillment;

  public FulfillmentHandler(FulfillmentService fulfillment) {
    this.fulfillment = fulfillment;
  }

  @Override
  public void handle(OwedEffect.StartFulfillment effect, EffectContext context) throws Exception {
    Order order = context.load().order();
    if (order.status() == OrderStatus.REFUNDED) {
      log.info("payflow does not start fulfilment of order {}: it was refunded", order.orderNo());
      return;
    }
    fulfillment.startFulfillment(order);
    context.transact(
        "fulfillment",
        c -> {
          if (c.order().fulfillmentStartedAt() == null) {
            c.editOrder(o -> o.fulfillmentStarted(c.now()));
          }
          boolean paid = c.order().status() == OrderStatus.PAID;
          if (paid) {
            c.moveOrder(OrderStatus.FULFILLING, o -> o);
          }
          c.step(new FlowStep.FulfillmentStarted(paid));
        });
  }
}
