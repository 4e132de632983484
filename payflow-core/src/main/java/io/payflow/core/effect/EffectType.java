package io.payflow.core.effect;

/** What an effect does once its transition is committed. */
public enum EffectType {
  /** Confirm (扣减) the order's stock reservation. */
  CONFIRM_STOCK,
  /** Release (释放) the order's stock reservation. */
  RELEASE_STOCK,
  /** Deliver one notification through one notifier; {@link Effect#target()} is its name. */
  NOTIFY,
  /** Start fulfilment (触发发货流程) and then move the order to {@code FULFILLING}. */
  START_FULFILLMENT,
  /** Close a payment at its channel; {@link Effect#target()} is the payment number. */
  CLOSE_PAYMENT,
  /** Submit a refund to the channel; {@link Effect#target()} is the refund number. */
  REFUND_PAYMENT
}
