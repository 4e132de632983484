package io.payflow.core.internal.flow;

import io.payflow.core.spi.NotificationType;
import org.jspecify.annotations.Nullable;

/**
 * What an effect does, typed: the meaning that the stored {@link io.payflow.core.effect.Effect}
 * spreads over its type, target and data. {@link EffectCodec} converts between the two at the store
 * boundary, so no code reads a target or a data key as free text.
 */
public sealed interface OwedEffect {

  /** Confirm (扣减) the order's stock reservation. */
  record ConfirmStock() implements OwedEffect {}

  /** Release (释放) the order's stock reservation. */
  record ReleaseStock() implements OwedEffect {}

  /**
   * Deliver one notification through one notifier.
   *
   * @param notifier the notifier's name
   * @param type the notification
   * @param refundNo the refund it is about, for {@code REFUNDED} (each refund notifies once), else
   *     null
   */
  record Notify(String notifier, NotificationType type, @Nullable String refundNo)
      implements OwedEffect {}

  /** Start fulfilment (触发发货流程), then move a paid order to {@code FULFILLING}. */
  record StartFulfillment() implements OwedEffect {}

  /** Close a payment at its channel, so that it can no longer be paid. */
  record ClosePayment(String paymentNo, CloseReason reason) implements OwedEffect {}

  /** Submit a refund to its payment's channel. */
  record RefundPayment(String refundNo) implements OwedEffect {}
}
