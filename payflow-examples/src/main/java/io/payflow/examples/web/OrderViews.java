package io.payflow.examples.web;

import io.payflow.core.OrderDetails;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.Payment;
import io.payflow.core.model.Refund;
import io.payflow.examples.web.Dtos.ItemBody;
import io.payflow.examples.web.Dtos.NotificationView;
import io.payflow.examples.web.Dtos.OrderSummary;
import io.payflow.examples.web.Dtos.OrderView;
import io.payflow.examples.web.Dtos.PaymentView;
import io.payflow.examples.web.Dtos.RefundView;
import io.payflow.examples.web.Dtos.StockView;
import java.util.List;
import java.util.Optional;

/** Builds the API's views of an order from what payflow knows about it. */
final class OrderViews {

  private OrderViews() {}

  static List<ItemBody> items(List<OrderLine> lines) {
    return lines.stream().map(l -> new ItemBody(l.sku(), l.quantity(), l.unitPrice())).toList();
  }

  static OrderView of(OrderDetails details) {
    Order order = details.order();
    List<Effect> effects = details.effects();
    return new OrderView(
        order.orderNo(),
        order.userId(),
        order.status(),
        order.totalAmount(),
        items(order.lines()),
        order.createdAt(),
        order.expiresAt(),
        order.paidAt(),
        order.failureReason(),
        details.payments().stream().map(OrderViews::payment).toList(),
        order.refundedAmount(),
        details.refunds().stream().map(OrderViews::refund).toList(),
        stock(effects),
        effects.stream()
            .filter(e -> e.type() == EffectType.NOTIFY)
            .map(OrderViews::notification)
            .toList(),
        effects.stream()
            .filter(e -> e.type() == EffectType.START_FULFILLMENT)
            .map(e -> e.status().name())
            .findFirst()
            .orElse(null));
  }

  private static PaymentView payment(Payment p) {
    return new PaymentView(
        p.paymentNo(),
        p.channel(),
        p.tradeType().name(),
        p.amount(),
        p.status(),
        p.transactionId(),
        p.failureCode(),
        p.failureReason(),
        p.createdAt());
  }

  static RefundView refund(Refund r) {
    return new RefundView(
        r.refundNo(),
        r.orderNo(),
        r.paymentNo(),
        r.amount(),
        r.reason(),
        r.status(),
        r.failureReason(),
        r.createdAt(),
        r.completedAt());
  }

  static OrderSummary summary(Order o) {
    return new OrderSummary(
        o.orderNo(),
        o.userId(),
        o.status(),
        o.totalAmount(),
        o.refundedAmount(),
        o.lines().stream().mapToInt(OrderLine::quantity).sum(),
        o.createdAt());
  }

  /**
   * The stock is only ever confirmed (扣减) or released (释放) by an effect, so the effects tell where
   * the reservation is without asking the inventory.
   */
  static StockView stock(List<Effect> effects) {
    Optional<Effect> confirm = find(effects, EffectType.CONFIRM_STOCK);
    if (confirm.isPresent()) {
      return view(confirm.get(), "CONFIRMED", "CONFIRMING");
    }
    Optional<Effect> release = find(effects, EffectType.RELEASE_STOCK);
    if (release.isPresent()) {
      return view(release.get(), "RELEASED", "RELEASING");
    }
    return new StockView("RESERVED", null);
  }

  private static Optional<Effect> find(List<Effect> effects, EffectType type) {
    return effects.stream().filter(e -> e.type() == type).findFirst();
  }

  private static StockView view(Effect e, String done, String inProgress) {
    return new StockView(e.status() == EffectStatus.DONE ? done : inProgress, e.status().name());
  }

  private static NotificationView notification(Effect e) {
    String type = e.data().getOrDefault("notification", e.data().getOrDefault("type", "?"));
    return new NotificationView(
        String.valueOf(e.target()),
        type,
        e.status().name(),
        e.attempts(),
        e.status() == EffectStatus.DONE);
  }
}
