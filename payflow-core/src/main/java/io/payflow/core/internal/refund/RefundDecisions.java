package io.payflow.core.internal.refund;

import io.payflow.core.channel.RefundResult;
import io.payflow.core.internal.flow.Change;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.Notifications;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundKind;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.RefundTransitions;
import io.payflow.core.spi.NotificationType;
import java.time.Instant;

/**
 * The decisions on a channel's word about a refund: a pure function of the loaded order and the
 * result to the change it makes. A success of a requested refund moves the order to {@code
 * REFUNDED} or {@code PARTIALLY_REFUNDED} and notifies; a refused one returns the order to where
 * the money left it ({@code PAID}, or {@code FULFILLING} once fulfilment started, as the order
 * records); a late payment's refund never moves the order. It reads no store, calls no channel and
 * writes no trace.
 *
 * <p>This class is threadsafe (immutable).
 */
public final class RefundDecisions {

  private final Notifications notifications;

  public RefundDecisions(Notifications notifications) {
    this.notifications = notifications;
  }

  /**
   * Drafts what {@code result} means for the order on {@code c}.
   *
   * @param answeringCallback whether the result came in a callback that is answered after this
   */
  public void decide(Change c, RefundResult result, boolean answeringCallback) {
    Refund r = c.refund(result.refundNo());
    RefundStatus to = result.status();
    if (r.status() == to || !RefundTransitions.allowed(r.status(), to)) {
      return; // repeated, already final, or backwards
    }
    boolean late = r.kind() == RefundKind.LATE_PAYMENT;
    String channel = c.payment(r.paymentNo()).channel();
    c.step(new FlowStep.RefundAnswered(channel, late, answeringCallback));
    Order o = c.order();
    switch (to) {
      case PROCESSING ->
          c.moveRefund(r.refundNo(), x -> x.processing(result.channelRefundId(), c.now()));
      case SUCCEEDED -> {
        Instant completedAt = result.completedAt() != null ? result.completedAt() : c.now();
        c.moveRefund(
            r.refundNo(), x -> x.succeeded(result.channelRefundId(), completedAt, c.now()));
        if (!late) {
          long refunded = o.refundedAmount() + r.amount();
          OrderStatus next =
              refunded >= o.totalAmount() ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
          if (o.status() == OrderStatus.REFUNDING) {
            c.moveOrder(next, x -> x.refundedMore(r.amount()));
            c.step(new FlowStep.OrderRefunded(next == OrderStatus.REFUNDED));
          } else {
            c.editOrder(x -> x.refundedMore(r.amount()));
          }
          notifications.owe(c, NotificationType.REFUNDED, r.refundNo());
        }
      }
      case FAILED -> {
        c.moveRefund(
            r.refundNo(), x -> x.failed(result.channelRefundId(), result.channelState(), c.now()));
        if (!late && o.status() == OrderStatus.REFUNDING) {
          // Documented choice: a refused refund returns the order to where the money left it, so
          // that it can be refunded again (the table allows REFUNDING → PAID / FULFILLING).
          OrderStatus back =
              o.refundedAmount() > 0
                  ? OrderStatus.PARTIALLY_REFUNDED
                  : o.fulfillmentStartedAt() != null ? OrderStatus.FULFILLING : OrderStatus.PAID;
          c.moveOrder(back, x -> x);
          c.step(new FlowStep.OrderRestored());
        }
      }
      default -> {
        // CREATED is never a move (see RefundTransitions)
      }
    }
    if (answeringCallback) {
      c.step(
          new FlowStep.CallbackAcknowledged(
              late ? FlowStep.Branch.LATE_PAYMENT : FlowStep.Branch.REFUND));
    }
  }
}
