package io.payflow.core.internal.payment;

import io.payflow.core.PaymentAmountMismatchException;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.event.LatePaymentReceived;
import io.payflow.core.internal.flow.Change;
import io.payflow.core.internal.flow.CloseReason;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.Notifications;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.PaymentTransitions;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundKind;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.OrderNumberGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions on a channel's word about a payment (from a callback or a query): a pure function
 * of the loaded order and the result to the change it makes. A success pays a payable order and
 * owes the stock confirmation, the notifications, fulfilment and the close of every other open
 * payment; a success for an order that can no longer take it is recorded and, if configured,
 * refunded; a failure fails the order once no other payment is open. A repeated result changes
 * nothing. It reads no store, calls no channel and writes no trace.
 *
 * <p>This class is threadsafe (immutable).
 */
public final class PaymentDecisions {

  private static final Logger log = LoggerFactory.getLogger(PaymentDecisions.class);

  /** Payments whose outcome is still open at the channel. */
  public static final Set<PaymentStatus> OPEN =
      EnumSet.of(PaymentStatus.CREATED, PaymentStatus.PREPAID, PaymentStatus.UNKNOWN);

  /** The reason of an automatic refund of a late payment, shown to the payer. */
  public static final String LATE_REFUND_REASON =
      "迟到的支付，自动退款 / late payment refunded automatically";

  private final Notifications notifications;
  private final OrderNumberGenerator numbers;
  private final boolean refundLatePayments;
  private final Duration prepayGrace;

  /**
   * @param prepayGrace how long after its creation a payment's prepay may still be on its way: a
   *     channel that does not know the payment within it settles nothing
   */
  public PaymentDecisions(
      Notifications notifications,
      OrderNumberGenerator numbers,
      boolean refundLatePayments,
      Duration prepayGrace) {
    this.notifications = notifications;
    this.numbers = numbers;
    this.refundLatePayments = refundLatePayments;
    this.prepayGrace = prepayGrace;
  }

  /**
   * Drafts what {@code r} means for the order on {@code c}.
   *
   * @param answeringCallback whether the result came in a callback that is answered after this
   * @throws PaymentAmountMismatchException if a success reports another amount than the payment's
   */
  public void decide(Change c, PaymentResult r, boolean answeringCallback) {
    Payment p = c.payment(r.paymentNo());
    String no = p.paymentNo();
    switch (r.outcome()) {
      case SUCCEEDED, REFUNDED -> {
        if (p.status() == PaymentStatus.SUCCEEDED) {
          return; // repeated: done already, owes nothing
        }
        if (r.amount() >= 0 && r.amount() != p.amount()) {
          // Callbacks, queries, reconciliation and expiry all pass here: no path marks an order
          // paid on an amount it did not ask for.
          throw new PaymentAmountMismatchException(no, p.amount(), r.amount());
        }
        Instant paidAt = r.paidAt() != null ? r.paidAt() : c.now();
        c.step(new FlowStep.ResultArrived(r.source()));
        Payment paid = c.movePayment(no, x -> x.succeeded(r.transactionId(), paidAt, c.now()));
        if (c.order().status() == OrderStatus.PENDING_PAYMENT) {
          paySucceeded(c, no, paidAt, answeringCallback);
        } else {
          latePayment(c, paid, answeringCallback);
        }
      }
      case FAILED -> {
        if (p.status() == PaymentStatus.FAILED
            || !PaymentTransitions.allowed(p.status(), PaymentStatus.FAILED)) {
          return; // repeated, or too late: a success is never undone by a failure
        }
        c.step(new FlowStep.ResultArrived(r.source()));
        c.movePayment(no, x -> x.failed(r.channelState(), r.message(), c.now()));
        boolean othersOpen =
            c.payments().stream()
                .anyMatch(q -> !q.paymentNo().equals(no) && OPEN.contains(q.status()));
        if (c.order().status() == OrderStatus.PENDING_PAYMENT && !othersOpen) {
          payFailed(c, r, answeringCallback);
        } else if (answeringCallback) {
          c.step(new FlowStep.CallbackAcknowledged(FlowStep.Branch.PAYMENT_FAILED));
        }
      }
      case CLOSED -> {
        if (p.status() == PaymentStatus.CLOSED
            || !PaymentTransitions.allowed(p.status(), PaymentStatus.CLOSED)) {
          return;
        }
        c.step(new FlowStep.ResultArrived(r.source()));
        c.movePayment(no, x -> x.closed(r.channelState(), r.message(), c.now()));
      }
      case NOT_FOUND -> {
        // The prepay never reached the channel (and the grace is over): give this payment up; the
        // order stays payable and the next attempt gets a new number. Should the prepay land after
        // all and be paid, PREPAY_FAILED -> SUCCEEDED records it as a late payment.
        if (p.status() != PaymentStatus.CREATED && p.status() != PaymentStatus.UNKNOWN) {
          return;
        }
        if (c.now().isBefore(p.createdAt().plus(prepayGrace))) {
          return; // never guess: the prepay may still be on its way to the channel
        }
        c.step(new FlowStep.ResultArrived(r.source()));
        c.movePayment(
            no, x -> x.prepayFailed(r.channelState(), "the channel has no such payment", c.now()));
      }
      case PENDING -> {
        // Still payable at the channel: nothing to record.
      }
    }
  }

  private void paySucceeded(Change c, String paymentNo, Instant paidAt, boolean answeringCallback) {
    c.moveOrder(OrderStatus.PAID, o -> o.paid(paidAt));
    c.owe(new OwedEffect.ConfirmStock());
    int notified = notifications.owe(c, NotificationType.PAYMENT_SUCCEEDED, null);
    c.step(new FlowStep.OrderPaid(notified > 0));
    if (answeringCallback) {
      c.step(new FlowStep.CallbackAcknowledged(FlowStep.Branch.PAYMENT_SUCCEEDED));
    }
    c.owe(new OwedEffect.StartFulfillment());
    for (Payment other : c.payments()) {
      if (!other.paymentNo().equals(paymentNo) && OPEN.contains(other.status())) {
        // The order is paid: nobody may pay it twice through another prepay.
        c.owe(new OwedEffect.ClosePayment(other.paymentNo(), CloseReason.SUPERSEDED));
      }
    }
  }

  private void payFailed(Change c, PaymentResult r, boolean answeringCallback) {
    String reason =
        "支付失败 / payment failed: "
            + r.channelState()
            + (r.message() == null ? "" : " (" + r.message() + ")");
    c.moveOrder(OrderStatus.PAYMENT_FAILED, o -> o.paymentFailed(reason, c.now()));
    c.owe(new OwedEffect.ReleaseStock());
    c.step(new FlowStep.OrderPaymentFailed());
    if (answeringCallback) {
      c.step(new FlowStep.CallbackAcknowledged(FlowStep.Branch.PAYMENT_FAILED));
    }
    notifications.owe(c, NotificationType.PAYMENT_FAILED, null);
  }

  /** Money for an order that can no longer take it: record it, refund it, say so. */
  private void latePayment(Change c, Payment paid, boolean answeringCallback) {
    @Nullable String refundNo = null;
    if (refundLatePayments) {
      refundNo = numbers.newRefundNo(c.order().orderNo(), c.refunds().size() + 1);
      c.addRefund(
          Refund.created(
              refundNo,
              c.order().orderNo(),
              paid.paymentNo(),
              paid.amount(),
              LATE_REFUND_REASON,
              RefundKind.LATE_PAYMENT,
              c.now()));
      c.owe(new OwedEffect.RefundPayment(refundNo));
    }
    c.step(new FlowStep.LatePaymentRecorded(refundNo != null));
    if (answeringCallback) {
      c.step(new FlowStep.CallbackAcknowledged(FlowStep.Branch.LATE_PAYMENT));
    }
    log.warn(
        "payflow received payment {} for order {} which is {}; {}",
        paid.paymentNo(),
        paid.orderNo(),
        c.order().status(),
        refundNo == null ? "not refunding (refundLatePayments=false)" : "refunding as " + refundNo);
    c.event(new LatePaymentReceived(c.now(), paid, refundNo));
  }
}
