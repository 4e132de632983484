package io.payflow.core.spi;

import io.payflow.core.model.Order;

/**
 * Starts fulfilment (触发发货流程) for a paid order. Keyed by the order number and idempotent: it may be
 * called again for the same order after a crash or a retry.
 */
@FunctionalInterface
public interface FulfillmentService {

  /** Starts fulfilment; throwing makes payflow retry later. */
  void startFulfillment(Order order) throws Exception;
}
