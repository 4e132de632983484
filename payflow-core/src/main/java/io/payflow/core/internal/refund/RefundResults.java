package io.payflow.core.internal.refund;

import io.payflow.core.NotFoundException;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.internal.flow.Committed;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.spi.OrderStore;

/**
 * Applies a channel's word on a refund: finds its order and runs the {@link RefundDecisions} in one
 * transaction; returns what it owes without dispatching it. This class is threadsafe.
 */
public final class RefundResults {

  private final OrderStore store;
  private final OrderTransactor transactor;
  private final RefundDecisions decisions;

  public RefundResults(OrderStore store, OrderTransactor transactor, RefundDecisions decisions) {
    this.store = store;
    this.transactor = transactor;
    this.decisions = decisions;
  }

  /**
   * @throws NotFoundException if no refund has that number
   */
  public Committed apply(RefundResult result, boolean answeringCallback) {
    String orderNo =
        store
            .findOrderNoByRefundNo(result.refundNo())
            .orElseThrow(() -> new NotFoundException("refund", result.refundNo()));
    return apply(orderNo, result, answeringCallback);
  }

  /** Applies the result to the order the caller already found. */
  public Committed apply(String orderNo, RefundResult result, boolean answeringCallback) {
    return transactor.transact(
        orderNo, "refund-result", c -> decisions.decide(c, result, answeringCallback));
  }
}
