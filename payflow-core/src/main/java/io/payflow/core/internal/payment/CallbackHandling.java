package io.payflow.core.internal.payment;

import io.payflow.core.PaymentAmountMismatchException;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.event.CallbackRejected;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.internal.flow.Listeners;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.internal.refund.RefundResults;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a channel's callback from its raw body and headers: the channel verifies and parses it,
 * the payment's channel and amount are checked against the stored payment (an amount that differs
 * is not trusted: the channel is queried instead), then the result is applied and the channel
 * answered as it expects. A callback is refused (4xx/5xx, {@link CallbackRejected}) rather than
 * acknowledged whenever it changed nothing it should have, so that the channel retries it. The
 * order of a payment callback is found and loaded once.
 *
 * <p>This class is threadsafe.
 */
public final class CallbackHandling {

  private static final Logger log = LoggerFactory.getLogger(CallbackHandling.class);

  private final OrderStore store;
  private final OrderTransactor transactor;
  private final Channels channels;
  private final PaymentResults payments;
  private final RefundResults refunds;
  private final EffectDispatch dispatch;
  private final Listeners listeners;
  private final Clock clock;

  public CallbackHandling(
      OrderStore store,
      OrderTransactor transactor,
      Channels channels,
      PaymentResults payments,
      RefundResults refunds,
      EffectDispatch dispatch,
      Listeners listeners,
      Clock clock) {
    this.store = store;
    this.transactor = transactor;
    this.channels = channels;
    this.payments = payments;
    this.refunds = refunds;
    this.dispatch = dispatch;
    this.listeners = listeners;
    this.clock = clock;
  }

  public CallbackAnswer handle(@Nullable String channelId, @Nullable CallbackRequest request) {
    PaymentChannel channel = channelId == null ? null : channels.find(channelId).orElse(null);
    if (channel == null) {
      String reason = "unknown payment channel '" + channelId + "'";
      listeners.publish(
          new CallbackRejected(clock.instant(), String.valueOf(channelId), "", reason));
      // No channel to format the answer, so a fixed one: the id (from the caller's route, maybe
      // from the request) is not echoed into hand-written JSON, where a quote would break it.
      return new CallbackAnswer(
          404,
          "application/json",
          "{\"code\":\"NOT_FOUND\",\"message\":\"unknown payment channel\"}");
    }
    if (request == null || request.body() == null) {
      return rejected(channel, "", 400, "empty callback");
    }
    CallbackEvent event;
    try {
      event = channel.parseCallback(request);
    } catch (CallbackRejectedException e) {
      return rejected(channel, "", e.httpStatus(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("payflow could not read a {} callback", channelId, e);
      return rejected(channel, "", 500, "the callback could not be read; please retry");
    }
    try {
      if (event instanceof CallbackEvent.PaymentNotified notified) {
        return onPayment(channel, notified.result());
      }
      return onRefund(channel, ((CallbackEvent.RefundNotified) event).result());
    } catch (RuntimeException e) {
      // Whatever went wrong, the channel retries a 5xx, and every transition is idempotent.
      log.error(
          "payflow failed to handle a {} callback; asking the channel to retry", channelId, e);
      return channel.reject(500, "internal error; please retry");
    }
  }

  private CallbackAnswer onPayment(PaymentChannel channel, PaymentResult result) {
    String paymentNo = result.paymentNo();
    Optional<String> orderNo = store.findOrderNoByPaymentNo(paymentNo);
    if (orderNo.isEmpty()) {
      return rejected(channel, "", 404, "unknown payment number " + paymentNo);
    }
    OrderRecord record = transactor.load(orderNo.get());
    Payment payment = record.payment(paymentNo).orElseThrow();
    if (!payment.channel().equals(channel.id())) {
      return rejected(
          channel,
          orderNo.get(),
          400,
          "payment " + paymentNo + " belongs to channel " + payment.channel());
    }
    PaymentResult trusted = result;
    if (result.amount() >= 0 && result.amount() != payment.amount()) {
      log.warn(
          "payflow: callback of payment {} says {} fen, the payment is {} fen; asking the channel",
          paymentNo,
          result.amount(),
          payment.amount());
      try {
        trusted = channel.query(paymentNo);
      } catch (ChannelException e) {
        return rejected(
            channel,
            orderNo.get(),
            500,
            "amount differs from payment " + paymentNo + " and the query failed; please retry");
      }
      if (!paymentNo.equals(trusted.paymentNo())) {
        return rejected(channel, orderNo.get(), 500, "the query answered for another payment");
      }
    }
    try {
      dispatch.dispatched(payments.apply(record, trusted, true));
    } catch (PaymentAmountMismatchException e) {
      log.error("payflow: {}", e.getMessage());
      // Not acknowledged, so the channel keeps the notification and retries it; nothing changed.
      return rejected(channel, orderNo.get(), 500, e.getMessage());
    }
    return channel.acknowledge();
  }

  private CallbackAnswer onRefund(PaymentChannel channel, RefundResult result) {
    Optional<String> orderNo = store.findOrderNoByRefundNo(result.refundNo());
    if (orderNo.isEmpty()) {
      return rejected(channel, "", 404, "unknown refund number " + result.refundNo());
    }
    dispatch.dispatched(refunds.apply(orderNo.get(), result, true));
    return channel.acknowledge();
  }

  private CallbackAnswer rejected(
      PaymentChannel channel, String orderNo, int status, @Nullable String why) {
    log.warn("payflow rejected a {} callback ({}): {}", channel.id(), status, why);
    listeners.publish(
        new CallbackRejected(clock.instant(), channel.id(), orderNo, String.valueOf(why)));
    return channel.reject(status, String.valueOf(why));
  }
}
