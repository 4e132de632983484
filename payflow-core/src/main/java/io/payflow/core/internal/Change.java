package io.payflow.core.internal;

import io.payflow.core.IllegalTransitionException;
import io.payflow.core.NotFoundException;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
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
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.trace.Participant;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A draft of one transition of an order: the new state of the order, its payments and refunds, the
 * effects it owes, its trace entries and the events it will publish, built from one loaded {@link
 * OrderRecord} and written as one {@link StoreUpdate}. Status moves are checked against the
 * transition tables here, so no caller can write an illegal one.
 *
 * <p>Not threadsafe: one draft belongs to one attempt of one thread.
 */
final class Change {

  private final OrderRecord before;
  private final Instant now;
  private final String cause;
  private Order order;
  private final List<Payment> payments;
  private final List<Refund> refunds;
  private final List<Effect> effects = new ArrayList<>();
  private final List<TraceEntry> trace = new ArrayList<>();
  private final List<PayFlowEvent> extraEvents = new ArrayList<>();

  Change(OrderRecord before, Instant now, String cause) {
    this.before = before;
    this.now = now;
    this.cause = cause;
    this.order = before.order();
    this.payments = new ArrayList<>(before.payments());
    this.refunds = new ArrayList<>(before.refunds());
  }

  Instant now() {
    return now;
  }

  Order order() {
    return order;
  }

  List<Payment> payments() {
    return List.copyOf(payments);
  }

  List<Refund> refunds() {
    return List.copyOf(refunds);
  }

  Payment payment(String paymentNo) {
    return payments.stream()
        .filter(p -> p.paymentNo().equals(paymentNo))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("payment", paymentNo));
  }

  Refund refund(String refundNo) {
    return refunds.stream()
        .filter(r -> r.refundNo().equals(refundNo))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("refund", refundNo));
  }

  /** Moves the order; the table must allow it. {@code edit} sets the fields that go with it. */
  Change moveOrder(OrderStatus to, UnaryOperator<Order> edit) {
    if (!OrderTransitions.allowed(order.status(), to)) {
      throw new IllegalTransitionException("order", order.orderNo(), order.status(), to);
    }
    order = edit.apply(order).movedTo(to);
    return this;
  }

  /** Changes the order's fields without moving it. */
  Change editOrder(UnaryOperator<Order> edit) {
    order = edit.apply(order);
    return this;
  }

  void addPayment(Payment payment) {
    payments.add(payment);
  }

  /** Moves a payment by a named change; the table must allow the status the change moves it to. */
  Payment movePayment(String paymentNo, UnaryOperator<Payment> change) {
    Payment p = payment(paymentNo);
    Payment moved = change.apply(p);
    if (!PaymentTransitions.allowed(p.status(), moved.status())) {
      throw new IllegalTransitionException("payment", paymentNo, p.status(), moved.status());
    }
    replacePayment(moved);
    return moved;
  }

  void replacePayment(Payment moved) {
    for (int i = 0; i < payments.size(); i++) {
      if (payments.get(i).paymentNo().equals(moved.paymentNo())) {
        payments.set(i, moved);
        return;
      }
    }
    throw new NotFoundException("payment", moved.paymentNo());
  }

  void addRefund(Refund refund) {
    refunds.add(refund);
  }

  void replaceRefund(Refund moved) {
    for (int i = 0; i < refunds.size(); i++) {
      if (refunds.get(i).refundNo().equals(moved.refundNo())) {
        refunds.set(i, moved);
        return;
      }
    }
    throw new NotFoundException("refund", moved.refundNo());
  }

  /**
   * Owes an effect. Its id {@code orderNo/TYPE/target/cause} is its idempotency key: the store
   * ignores an id it already holds, so a repeated transition never owes it twice.
   */
  Effect effect(EffectType type, @Nullable String target, String why, Map<String, String> data) {
    String id =
        order.orderNo() + "/" + type.name() + "/" + (target == null ? "order" : target) + "/" + why;
    Effect e =
        new Effect(
            id, order.orderNo(), type, target, data, EffectStatus.PENDING, 0, now, null, now, now);
    if (effects.stream().noneMatch(x -> x.id().equals(id))) {
      effects.add(e);
    }
    return e;
  }

  Change trace(Participant from, Participant to, String message, String block) {
    trace.add(new TraceEntry(now, from, to, message, false, block));
    return this;
  }

  Change reply(Participant from, Participant to, String message, String block) {
    trace.add(new TraceEntry(now, from, to, message, true, block));
    return this;
  }

  void event(PayFlowEvent event) {
    extraEvents.add(event);
  }

  List<Effect> effects() {
    return List.copyOf(effects);
  }

  /** Whether there is anything to write. */
  boolean changed() {
    return !order.equals(before.order())
        || !payments.equals(before.payments())
        || !refunds.equals(before.refunds())
        || !effects.isEmpty()
        || !trace.isEmpty();
  }

  /** The write: the new state one version on, only if the stored one is still the loaded one. */
  StoreUpdate toUpdate() {
    OrderRecord after = new OrderRecord(order.withVersion(before.version() + 1), payments, refunds);
    return new StoreUpdate(before.version(), after, effects, trace);
  }

  /** The events of this transition, for the committed record: status moves first, then the rest. */
  List<PayFlowEvent> events(OrderRecord after) {
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
    if (from != after.order().status()) {
      events.add(new OrderStatusChanged(now, after.order(), from, after.order().status(), cause));
    }
    events.addAll(extraEvents);
    return events;
  }
}
