package io.payflow.spring.autoconfigure;

import io.payflow.core.model.Order;
import io.payflow.core.spi.FulfillmentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fulfilment used when the host declares none: it only logs, so that a paid order is visible in
 * the logs rather than silently never shipped. This class is threadsafe.
 */
final class LoggingFulfillmentService implements FulfillmentService {

  private static final Logger log = LoggerFactory.getLogger(LoggingFulfillmentService.class);

  @Override
  public void startFulfillment(Order order) {
    log.info(
        "Order {} is paid; no FulfillmentService bean is declared, so nothing is shipped",
        order.orderNo());
  }
}
