package io.payflow.core.internal.flow;

import io.payflow.core.IllegalTransitionException;
import io.payflow.core.NotFoundException;
import io.payflow.core.effect.Effect;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.event.PaymentStatusChanged;
import io.payflow.core.event.RefundStatusChanged;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.OrderTransitions;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.PaymentTransitions;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.RefundTransitions;
import io.payflow.core.spi.StoreUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A draft of one transition of an order: the new state of the order, its payments and refunds, the
 * effects it owes, the {@link FlowStep steps} it took and the events it will publish, built from
 * one loaded {@link OrderRecord} and written as one {@link StoreUpdate}. Status moves are checked
 * against the transition tables here, so no decision can write an illegal one.
 *
 * <p>A decision fills it in; it never does I/O. Not threadsafe: one draft belongs to one attempt of
 * one thread.
 */
public final class Change {

  private final OrderRecord before;
  private final Instant now;
  private final String cause;
  private Order order;
  private final List<Payment> payments;
  private final List<Refund> refunds;
  private final List<Effect> effects = new ArrayList<>();
  private final List<FlowStep> steps = new ArrayList<>();
  private final List<PayFlowEvent> extraEvents = new ArrayList<>();

  public Change(OrderRecord before, Instant now, String cause) {
    this.before = before;
    this.now = now;
    this.cause = cause;
    this.order = before.order();
    this.payments = new ArrayList<>(before.payments());
    this.refunds = new ArrayList<>(before.refunds());
  }

  public Instant now() {
    return now;
  }

  public Order order() {
    return order;
  }

  public List<Payment> payments() {
    return List.copyOf(payments);
  }

  public List<Refund> refunds() {
    return List.copyOf(refunds);
  }

  public Payment payment(String paymentNo) {
    return payments.stream()
        .filter(p -> p.paymentNo().equals(paymentNo))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("payment", paymentNo));
  }

  public Refund refund(String refundNo) {
    return refunds.stream()
        .filter(r -> r.refundNo().equals(refundNo))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("refund", refundNo));
  }

  /**
   * Moves the order to {@code to}; the table must allow it. {@code change} is the named change that
   * sets the fields going with it.
   */
  public Change moveOrder(OrderStatus to, UnaryOperator<Order> change) {
    if (!OrderTransitions.allowed(order.status(), to)) {
      throw new IllegalTransitionException("order", order.orderNo(), order.status(), to);
    }
    order = change.apply(order).movedTo(to);
    return this;
  }

  /** Changes the order's fields without moving it. */
  public Change editOrder(UnaryOperator<Order> change) {
    Order edited = change.apply(order);
    if (edited.status() != order.status()) {
      throw new IllegalStateException("editOrder must not move the order; use moveOrder");
    }
    order = edited;
    return this;
  }

  public void addPayment(Payment payment) {
    payments.add(payment);
  }

  /** Moves a payment by a named change; the table must allow the status it moves it to. */
  public Payment movePayment(String paymentNo, UnaryOperator<Payment> change) {
    Payment p = payment(paymentNo);
    Payment moved = change.apply(p);
    if (!PaymentTransitions.allowed(p.status(), moved.status())) {
      throw new IllegalTransitionException("payment", paymentNo, p.status(), moved.status());
    }
    replace(payments, moved, moved.paymentNo(), Payment::paymentNo, "payment");
    return moved;
  }

  public void addRefund(Refund refund) {
    refunds.add(refund);
  }

  /** Moves a refund by a named change; the table must allow the status it moves it to. */
  public Refund moveRefund(String refundNo, UnaryOperator<Refund> change) {
    Refund r = refund(refundNo);
    Refund moved = change.apply(r);
    if (!RefundTransitions.allowed(r.status(), moved.status())) {
      throw new IllegalTransitionException("refund", refundNo, r.status(), moved.status());
    }
    replace(refunds, moved, moved.refundNo(), Refund::refundNo, "refund");
    return moved;
  }

  private static <T> void replace(
      List<T> list, T moved, String no, java.util.function.Function<T, String> key, String what) {
    for (int i = 0; i < list.size(); i++) {
      if (key.apply(list.get(i)).equals(no)) {
        list.set(i, moved);
        return;
      }
    }
    throw new NotFoundException(what, no);
  }

  /**
   * Owes an effect. Its id is its idempotency key (see {@link EffectCodec}): the store ignores an
   * id it already holds, so a repeated transition never owes it twice.
   */
  public Change owe(OwedEffect owed) {
    Effect e = EffectCodec.encode(order.orderNo(), owed, now);
    if (effects.stream().noneMatch(x -> x.id().equals(e.id()))) {
      effects.add(e);
    }
    return this;
  }

  /** Records a step of the flow, for the trace. */
  public Change step(FlowStep step) {
    steps.add(step);
    return this;
  }

  public void event(PayFlowEvent event) {
    extraEvents.add(event);
  }

  public List<Effect> effects() {
    return List.copyOf(effects);
  }

  public List<FlowStep> steps() {
    return List.copyOf(steps);
  }

  /** Whether there is anything to write. */
  public boolean changed() {
    return !order.equals(before.order())
        || !payments.equals(before.payments())
        || !refunds.equals(before.refunds())
        || !effects.isEmpty()
        || !steps.isEmpty();
  }

  /**
   * The write: the new state one version on, only if the stored one is still the loaded one, with
   * the effects and the trace the tracer draws of the steps.
   */
  public StoreUpdate toUpdate(Tracer tracer) {
    OrderRecord after = new OrderRecord(order.withVersion(before.version() + 1), payments, refunds);
    return new StoreUpdate(before.version(), after, effects, tracer.entries(steps, now));
  }

  /** The events of this transition, for the committed record: status moves first, then the rest. */
  public List<PayFlowEvent> events(OrderRecord after) {
    List<PayFlowEvent> events = new ArrayList<>();
    Map<String, PaymentStatus> paymentsBefore = new HashMap<>();
    before.payments().forEach(p -> paymentsBefore.put(p.paymentNo(), p.status()));
    for (Payment p : after.payments()) {
      PaymentStatus was = paymentsBefore.get(p.paymentNo());
      if (was != null && was != p.status()) {
        events.add(new PaymentStatusChanged(now, p, was, p.status(), cause));
      }
    }
    Map<String, RefundStatus> refundsBefore = new HashMap<>();
    before.refunds().forEach(r -> refundsBefore.put(r.refundNo(), r.status()));
    for (Refund r : after.refunds()) {
      RefundStatus was = refundsBefore.get(r.refundNo());
      if (was != r.status()) {
        events.add(new RefundStatusChanged(now, r, was, r.status()));
      }
    }
    OrderStatus from = before.order().status();
    // RESERVING -> PENDING_PAYMENT is the order coming into being, announced by OrderCreated
    boolean creation =
        from == OrderStatus.RESERVING && after.order().status() == OrderStatus.PENDING_PAYMENT;
    if (from != after.order().status() && !creation) {
      events.add(new OrderStatusChanged(now, after.order(), from, after.order().status(), cause));
    }
    events.addAll(extraEvents);
    return events;
  }
}
