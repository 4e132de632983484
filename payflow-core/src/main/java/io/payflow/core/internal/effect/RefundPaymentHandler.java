package io.payflow.core.internal.effect;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.internal.refund.RefundResults;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;

/**
 * Submits a refund to its payment's channel under its own number ({@code out_refund_no}, so that a
 * retry is safe) and applies the answer; a refusal is recorded as a failed refund, a timeout or a
 * busy channel is retried. This class is threadsafe.
 */
public final class RefundPaymentHandler implements EffectHandler<OwedEffect.RefundPayment> {

  private final Channels channels;
  private final RefundResults results;

  public RefundPaymentHandler(Channels channels, RefundResults results) {
    this.channels = channels;
    this.results = results;
  }

  @Override
  public void handle(OwedEffect.RefundPayment effect, EffectContext context) {
    OrderRecord record = context.load();
    Refund refund = record.refund(effect.refundNo()).orElseThrow();
    if (refund.status() != RefundStatus.CREATED) {
      return; // the channel answered already (a callback can overtake the effect)
    }
    Payment payment = record.payment(refund.paymentNo()).orElseThrow();
    RefundResult result;
    try {
      result =
          channels
              .of(payment)
              .refund(
                  new RefundRequest(
                      refund.refundNo(),
                      payment.paymentNo(),
                      payment.transactionId(),
                      refund.amount(),
                      payment.amount(),
                      refund.reason()));
    } catch (ChannelException ex) {
      if (ex.kind() == ChannelErrorKind.UNKNOWN_OUTCOME
          || ex.kind() == ChannelErrorKind.RETRY_LATER) {
        throw ex; // the same out_refund_no makes the retry safe
      }
      result =
          new RefundResult(
              refund.refundNo(),
              payment.paymentNo(),
              RefundStatus.FAILED,
              null,
              ex.channelCode() != null ? ex.channelCode() : ex.kind().name(),
              null);
    }
    context.owe(results.apply(context.orderNo(), result, false));
  }
}
