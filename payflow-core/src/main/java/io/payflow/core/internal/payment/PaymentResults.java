package io.payflow.core.internal.payment;

import io.payflow.core.NotFoundException;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.internal.flow.Committed;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.spi.OrderStore;

/**
 * Applies a channel's verified word on a payment: finds its order and runs the {@link
 * PaymentDecisions} in one transaction. It returns what the transition owes and dispatches nothing:
 * the use case or the effect handler that asked hands that on.
 *
 * <p>This class is threadsafe.
 */
public final class PaymentResults {

  private final OrderStore store;
  private final OrderTransactor transactor;
  private final PaymentDecisions decisions;

  public PaymentResults(OrderStore store, OrderTransactor transactor, PaymentDecisions decisions) {
    this.store = store;
    this.transactor = transactor;
    this.decisions = decisions;
  }

  /**
   * Applies the result to the order its payment belongs to.
   *
   * @throws NotFoundException if no payment has that number
   */
  public Committed apply(PaymentResult result, boolean answeringCallback) {
    String orderNo =
        store
            .findOrderNoByPaymentNo(result.paymentNo())
            .orElseThrow(() -> new NotFoundException("payment", result.paymentNo()));
    return transactor.transact(
        orderNo, cause(result), c -> decisions.decide(c, result, answeringCallback));
  }

  /** Applies the result to an order the caller has just loaded, without loading it again. */
  public Committed apply(OrderRecord loaded, PaymentResult result, boolean answeringCallback) {
    return transactor.transact(
        loaded, cause(result), c -> decisions.decide(c, result, answeringCallback));
  }

  private static String cause(PaymentResult result) {
    return result.source() == PaymentResult.Source.QUERY ? "query" : "callback";
  }
}
