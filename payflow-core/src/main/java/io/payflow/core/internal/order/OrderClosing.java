package io.payflow.core.internal.order;

import io.payflow.core.IllegalTransitionException;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.CloseReason;
import io.payflow.core.internal.flow.DueWorkSweep;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.Inputs;
import io.payflow.core.internal.flow.Notifications;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.internal.payment.PaymentDecisions;
import io.payflow.core.internal.payment.PaymentResults;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an unpaid order, cancelled or expired: its open payments at the channel first, so that
 * nobody can pay it afterwards, then the order, releasing its stock. If the channel says a payment
 * was paid, the success path runs instead. This class is threadsafe.
 */
public final class OrderClosing {

  private static final Logger log = LoggerFactory.getLogger(OrderClosing.class);

  private static final int MAX_CANCEL_REASON = 255;
  private static final String EXPIRED_REASON = "订单超时未支付 / not paid before it expired";

  private final OrderStore store;
  private final OrderTransactor transactor;
  private final Channels channels;
  private final Notifications notifications;
  private final PaymentResults results;
  private final EffectDispatch dispatch;
  private final DueWorkSweep sweep;
  private final Clock clock;

  public OrderClosing(
      OrderStore store,
      OrderTransactor transactor,
      Channels channels,
      Notifications notifications,
      PaymentResults results,
      EffectDispatch dispatch,
      DueWorkSweep sweep,
      Clock clock) {
    this.store = store;
    this.transactor = transactor;
    this.channels = channels;
    this.notifications = notifications;
    this.results = results;
    this.dispatch = dispatch;
    this.sweep = sweep;
    this.clock = clock;
  }

  public Order cancel(String orderNo, String reason) {
    Inputs.number("orderNo", orderNo);
    Inputs.required("reason", reason);
    Inputs.maxLength("reason", reason, MAX_CANCEL_REASON);
    return close(orderNo, reason, CloseReason.CANCELLED);
  }

  /**
   * Closes one batch of orders past their expiry, claimed through the store so that no other
   * instance takes the same ones; an order the channel could not close yet is deferred with backoff
   * and goes to the back. Returns how many it closed.
   */
  public int closeExpired() {
    int[] closed = new int[1];
    sweep.run(
        DueWorkKind.EXPIRY,
        clock.instant(),
        work -> {
          if (store.load(work.key()).isEmpty()) {
            return DueWorkSweep.Verdict.settled();
          }
          Order order = close(work.key(), EXPIRED_REASON, CloseReason.EXPIRED);
          if (order.status() == OrderStatus.CLOSED) {
            closed[0]++;
          }
          return order.status() == OrderStatus.RESERVING
                  || order.status() == OrderStatus.PENDING_PAYMENT
              ? DueWorkSweep.Verdict.later()
              : DueWorkSweep.Verdict.settled();
        });
    return closed[0];
  }

  /**
   * @throws ChannelException if the channel could not close a payment (try again later)
   */
  private Order close(String orderNo, String reason, CloseReason why) {
    String cause = why == CloseReason.CANCELLED ? "cancelled" : "expired";
    OrderRecord record = transactor.load(orderNo);
    OrderStatus status = record.order().status();
    if (status == OrderStatus.CLOSED) {
      return record.order();
    }
    if (status == OrderStatus.RESERVING) {
      return closeUnreserved(record, reason, cause);
    }
    if (status != OrderStatus.PENDING_PAYMENT) {
      throw new IllegalTransitionException("order", orderNo, status, OrderStatus.CLOSED);
    }
    Set<String> closedAtChannel = new HashSet<>();
    Set<String> notYetAtChannel = new HashSet<>();
    for (Payment p : record.payments()) {
      if (!PaymentDecisions.OPEN.contains(p.status())) {
        continue;
      }
      PaymentChannel channel = channels.of(p);
      try {
        channel.close(p.paymentNo());
      } catch (ChannelException e) {
        switch (e.kind()) {
          case ALREADY_CLOSED -> {
            // closed already: it cannot be paid
          }
          case NOT_FOUND -> {
            // Not there yet, which is not "never": its prepay may still land. If its answer is
            // stored before the order closes, the close below owes another close at the channel;
            // if after, the prepay's own step sees the order closed and owes it.
            notYetAtChannel.add(p.paymentNo());
            continue;
          }
          case ALREADY_PAID -> {
            return dispatch
                .dispatched(results.apply(channel.query(p.paymentNo()), false))
                .record()
                .order();
          }
          default -> throw e;
        }
      }
      closedAtChannel.add(p.paymentNo());
    }
    return dispatch
        .dispatched(
            transactor.transact(
                orderNo,
                cause,
                c -> {
                  if (c.order().status() != OrderStatus.PENDING_PAYMENT) {
                    return; // paid or closed meanwhile; the caller gets it as it is
                  }
                  for (Payment p : c.payments()) {
                    if (!PaymentDecisions.OPEN.contains(p.status())) {
                      continue;
                    }
                    c.movePayment(p.paymentNo(), x -> x.closed(c.now()));
                    c.step(new FlowStep.PaymentClosed(p.paymentNo(), false));
                    boolean answerPending =
                        notYetAtChannel.contains(p.paymentNo())
                            && p.status() == PaymentStatus.CREATED;
                    if (!closedAtChannel.contains(p.paymentNo()) && !answerPending) {
                      // started after we closed the others, or its prepay landed after our close:
                      // close it at the channel as an effect
                      c.owe(new OwedEffect.ClosePayment(p.paymentNo(), why));
                    }
                  }
                  c.moveOrder(OrderStatus.CLOSED, o -> o.closed(reason, c.now()));
                  c.owe(new OwedEffect.ReleaseStock());
                  c.step(new FlowStep.OrderClosed());
                  notifications.owe(c, NotificationType.ORDER_CLOSED, null);
                }))
        .record()
        .order();
  }

  /**
   * An order stored before its stock was reserved and left so (a crash, a lost answer): it never
   * had a payment and its buyer never saw it; close it owing the release of whatever was reserved.
   */
  private Order closeUnreserved(OrderRecord record, String reason, String cause) {
    return dispatch
        .dispatched(
            transactor.transact(
                record,
                cause,
                c -> {
                  if (c.order().status() != OrderStatus.RESERVING) {
                    return;
                  }
                  c.moveOrder(OrderStatus.CLOSED, o -> o.closed(reason, c.now()));
                  c.owe(new OwedEffect.ReleaseStock());
                  c.step(new FlowStep.OrderClosed());
                }))
        .record()
        .order();
  }
}
