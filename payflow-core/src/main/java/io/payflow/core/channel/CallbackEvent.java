package io.payflow.core.channel;

/** What a verified callback says. */
public sealed interface CallbackEvent {

  /** A payment's result (WeChat {@code TRANSACTION.SUCCESS} and friends). */
  record PaymentNotified(PaymentResult result) implements CallbackEvent {}

  /** A refund's result (WeChat {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL}, ...). */
  record RefundNotified(RefundResult result) implements CallbackEvent {}
}
