package io.payflow.core.internal.refund;

import io.payflow.core.IllegalTransitionException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.internal.flow.Change;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.Inputs;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundKind;
import io.payflow.core.spi.OrderNumberGenerator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Refunds part or all of a paid order: creates the refund (退款单) from the payment that paid the
 * order, moves the order to {@code REFUNDING} and owes the channel call, in one transaction. This
 * class is threadsafe.
 */
public final class Refunds {

  private static final Set<OrderStatus> REFUNDABLE =
      EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING, OrderStatus.PARTIALLY_REFUNDED);

  private static final int MAX_REFUND_REASON = 80;

  private final OrderTransactor transactor;
  private final OrderNumberGenerator numbers;
  private final EffectDispatch dispatch;

  public Refunds(
      OrderTransactor transactor, OrderNumberGenerator numbers, EffectDispatch dispatch) {
    this.transactor = transactor;
    this.numbers = numbers;
    this.dispatch = dispatch;
  }

  public Refund refund(String orderNo, long amount, String reason) {
    Inputs.number("orderNo", orderNo);
    if (amount <= 0) {
      throw new InvalidRequestException("amount", "must be at least 1 fen, was " + amount);
    }
    Inputs.required("reason", reason);
    Inputs.maxLength("reason", reason, MAX_REFUND_REASON);
    String[] created = new String[1];
    OrderRecord after =
        dispatch
            .dispatched(
                transactor.transact(
                    orderNo, "refund", c -> created[0] = request(c, amount, reason)))
            .record();
    return after.refund(created[0]).orElseThrow();
  }

  /** Drafts the refund on {@code c}; returns its number. */
  private String request(Change c, long amount, String reason) {
    Order o = c.order();
    if (!REFUNDABLE.contains(o.status())) {
      throw new IllegalTransitionException("order", o.orderNo(), o.status(), OrderStatus.REFUNDING);
    }
    long left = o.totalAmount() - o.refundedAmount();
    if (amount > left) {
      throw new InvalidRequestException(
          "amount", amount + " fen is more than is left to refund (" + left + " fen)");
    }
    Payment paying = payingPayment(c);
    String refundNo = numbers.newRefundNo(o.orderNo(), c.refunds().size() + 1);
    c.addRefund(
        Refund.created(
            refundNo,
            o.orderNo(),
            paying.paymentNo(),
            amount,
            reason,
            RefundKind.REQUESTED,
            c.now()));
    c.moveOrder(OrderStatus.REFUNDING, x -> x);
    c.owe(new OwedEffect.RefundPayment(refundNo));
    c.step(new FlowStep.RefundRequested());
    return refundNo;
  }

  /** The payment that paid the order: succeeded, and not one refunded as a late payment. */
  private static Payment payingPayment(Change c) {
    Set<String> lateRefunded = new HashSet<>();
    c.refunds().stream()
        .filter(r -> r.kind() == RefundKind.LATE_PAYMENT)
        .forEach(r -> lateRefunded.add(r.paymentNo()));
    Payment fallback = null;
    for (Payment p : c.payments()) {
      if (p.status() != PaymentStatus.SUCCEEDED || lateRefunded.contains(p.paymentNo())) {
        continue;
      }
      if (Objects.equals(p.paidAt(), c.order().paidAt())) {
        return p;
      }
      if (fallback == null) {
        fallback = p;
      }
    }
    if (fallback == null) {
      throw new PayFlowException(
          PayFlowErrorCode.NO_PAYMENT,
          "order " + c.order().orderNo() + " has no succeeded payment to refund");
    }
    return fallback;
  }
}
