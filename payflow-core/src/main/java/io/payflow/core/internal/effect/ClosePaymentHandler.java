package io.payflow.core.internal.effect;

import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.CloseReason;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.internal.payment.PaymentDecisions;
import io.payflow.core.internal.payment.PaymentResults;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;

/**
 * Closes a payment at its channel (superseded by another payment's success, or started while its
 * order closed), then records it {@code CLOSED}. If the channel says it was paid, the channel's
 * word is applied instead: the late-payment path owns it then. This class is threadsafe.
 */
public final class ClosePaymentHandler implements EffectHandler<OwedEffect.ClosePayment> {

  private final Channels channels;
  private final PaymentResults results;

  public ClosePaymentHandler(Channels channels, PaymentResults results) {
    this.channels = channels;
    this.results = results;
  }

  @Override
  public void handle(OwedEffect.ClosePayment effect, EffectContext context) {
    String paymentNo = effect.paymentNo();
    Payment payment = context.load().payment(paymentNo).orElseThrow();
    if (payment.status() == PaymentStatus.SUCCEEDED) {
      return; // it was paid; the late-payment path owns it now
    }
    PaymentChannel channel = channels.of(payment);
    try {
      channel.close(paymentNo);
    } catch (ChannelException ex) {
      switch (ex.kind()) {
        case ALREADY_CLOSED, NOT_FOUND -> {
          // nothing left to close
        }
        case ALREADY_PAID -> {
          context.owe(results.apply(channel.query(paymentNo), false));
          return;
        }
        default -> throw ex;
      }
    }
    boolean superseded = effect.reason() == CloseReason.SUPERSEDED;
    context.transact(
        "closed",
        c -> {
          Payment current = c.payment(paymentNo);
          if (PaymentDecisions.OPEN.contains(current.status())
              || current.status() == PaymentStatus.FAILED) {
            c.movePayment(paymentNo, x -> x.closed(c.now()));
            c.step(new FlowStep.PaymentClosed(paymentNo, superseded));
          }
        });
  }
}
