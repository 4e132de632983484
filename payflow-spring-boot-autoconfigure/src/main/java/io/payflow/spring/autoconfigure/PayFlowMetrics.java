package io.payflow.spring.autoconfigure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payflow.core.event.CallbackRejected;
import io.payflow.core.event.EffectDead;
import io.payflow.core.event.EffectFailed;
import io.payflow.core.event.LatePaymentReceived;
import io.payflow.core.event.OrderCreated;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.event.PaymentStatusChanged;
import io.payflow.core.event.RefundStatusChanged;

/**
 * Counts payflow's events in Micrometer. Tags carry only bounded values (statuses, channel ids,
 * effect types), never order numbers, so the number of series stays small.
 *
 * <ul>
 *   <li>{@code payflow.orders.created}
 *   <li>{@code payflow.order.transitions} (from, to)
 *   <li>{@code payflow.payment.transitions} (channel, from, to)
 *   <li>{@code payflow.refund.transitions} (to)
 *   <li>{@code payflow.effects.failed} and {@code payflow.effects.dead} (type)
 *   <li>{@code payflow.callbacks.rejected} (channel)
 *   <li>{@code payflow.payments.late} (channel)
 * </ul>
 *
 * This class is threadsafe.
 */
public class PayFlowMetrics implements PayFlowListener {

  private final MeterRegistry registry;

  public PayFlowMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(PayFlowEvent event) {
    // The registry caches meters by name and tags, so looking one up per event is cheap.
    if (event instanceof OrderCreated) {
      count("payflow.orders.created", "Orders created");
    } else if (event instanceof OrderStatusChanged e) {
      count(
          "payflow.order.transitions",
          "Order status transitions",
          "from",
          e.from().name(),
          "to",
          e.to().name());
    } else if (event instanceof PaymentStatusChanged e) {
      count(
          "payflow.payment.transitions",
          "Payment status transitions",
          "channel",
          e.payment().channel(),
          "from",
          e.from().name(),
          "to",
          e.to().name());
    } else if (event instanceof RefundStatusChanged e) {
      count("payflow.refund.transitions", "Refund status transitions", "to", e.to().name());
    } else if (event instanceof EffectFailed e) {
      count("payflow.effects.failed", "Failed effect attempts", "type", e.effect().type().name());
    } else if (event instanceof EffectDead e) {
      count("payflow.effects.dead", "Effects parked as dead", "type", e.effect().type().name());
    } else if (event instanceof CallbackRejected e) {
      count("payflow.callbacks.rejected", "Channel callbacks rejected", "channel", e.channel());
    } else if (event instanceof LatePaymentReceived e) {
      count(
          "payflow.payments.late",
          "Payments for orders that could no longer take them",
          "channel",
          e.payment().channel());
    }
  }

  private void count(String name, String description, String... tags) {
    Counter.builder(name).description(description).tags(tags).register(registry).increment();
  }
}
