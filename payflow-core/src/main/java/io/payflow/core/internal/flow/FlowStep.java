package io.payflow.core.internal.flow;

import io.payflow.core.channel.PaymentResult;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;

/**
 * One thing that happened to an order, in the domain's terms: what a decision or an effect records
 * so that the {@link Tracer} can draw it. A step says nothing about participants, arrows, words or
 * diagram blocks; that vocabulary is the tracer's alone.
 */
public sealed interface FlowStep {

  /**
   * Which branch of the reference flow a step belongs to, where the same step occurs in several.
   */
  enum Branch {
    PAYMENT_SUCCEEDED,
    PAYMENT_FAILED,
    LATE_PAYMENT,
    REFUND,
    CLOSING
  }

  /** The order was created: its stock and prices checked, its number made. */
  record OrderCreated() implements FlowStep {}

  /** A payment was created and its prepay is about to go to {@code channel}. */
  record PaymentRequested(String channel) implements FlowStep {}

  /** The channel accepted the prepay. */
  record PrepayAccepted() implements FlowStep {}

  /** The channel refused the prepay or did not answer. */
  record PrepayRefused() implements FlowStep {}

  /** A channel's word on a payment arrived, by callback or by query. */
  record ResultArrived(PaymentResult.Source source) implements FlowStep {}

  /** The order was paid and its stock confirmation owed; {@code notifying}: notifications too. */
  record OrderPaid(boolean notifying) implements FlowStep {}

  /** The order's payment failed and its stock release owed. */
  record OrderPaymentFailed() implements FlowStep {}

  /** Money arrived for an order that cannot take it; {@code refunding}: a refund was created. */
  record LatePaymentRecorded(boolean refunding) implements FlowStep {}

  /** The channel's callback was handled and is answered as such. */
  record CallbackAcknowledged(Branch branch) implements FlowStep {}

  /** A payment was closed; {@code superseded}: because another payment succeeded. */
  record PaymentClosed(String paymentNo, boolean superseded) implements FlowStep {}

  /** The order was closed and its stock release owed. */
  record OrderClosed() implements FlowStep {}

  /** A refund was requested and its number made. */
  record RefundRequested() implements FlowStep {}

  /**
   * The channel's word on a refund arrived: by callback, or as the answer to submitting it to
   * {@code channel}; {@code late}: the refund of a late payment.
   */
  record RefundAnswered(String channel, boolean late, boolean callback) implements FlowStep {}

  /** A refund succeeded and moved the order; {@code fully}: to {@code REFUNDED}. */
  record OrderRefunded(boolean fully) implements FlowStep {}

  /** A refund failed and the order went back to where it was. */
  record OrderRestored() implements FlowStep {}

  /** Fulfilment was started; {@code fulfilling}: the order moved to {@code FULFILLING}. */
  record FulfillmentStarted(boolean fulfilling) implements FlowStep {}

  /** A notifier delivered a notification to its audience. */
  record Notified(NotificationType type, String notifier, Notifier.Audience audience)
      implements FlowStep {}
}
