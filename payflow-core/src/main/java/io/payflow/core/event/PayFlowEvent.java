package io.payflow.core.event;

import java.time.Instant;

/** Something that happened to an order. Every transition publishes one. */
public sealed interface PayFlowEvent
    permits OrderCreated,
        OrderStatusChanged,
        PaymentStatusChanged,
        RefundStatusChanged,
        EffectFailed,
        EffectDead,
        LatePaymentReceived,
        CallbackRejected {

  /** When it happened. */
  Instant at();

  /** The order it concerns, or empty when none could be identified (a rejected callback). */
  String orderNo();
}
