package io.payflow.core.channel;

import io.payflow.core.model.Payment;

/**
 * A payment channel such as WeChat Pay: prepay, query, close, refund, and turn a raw callback into
 * a verified result. payflow-wechat implements it; another channel would be another module.
 *
 * <p>Every method that talks to the channel reports a failure as a {@link ChannelException} whose
 * {@link ChannelException#kind() kind} tells the core what it may do next. A timeout or an I/O
 * error is {@link ChannelErrorKind#UNKNOWN_OUTCOME}: the call may have happened, and a later query
 * settles it. Implementations are threadsafe.
 */
public interface PaymentChannel {

  /** The channel id stored on payments, e.g. {@code wechat}. */
  String id();

  /**
   * The name people know the channel by, e.g. {@code 微信支付}: the payment channel's label in the flow
   * trace and its diagram ("调用微信支付统一下单"). The id by default.
   */
  default String displayName() {
    return id();
  }

  /**
   * Places the order with the channel (统一下单) and returns what the front end needs to pay.
   *
   * @throws ChannelException if the channel refused it or the outcome is unknown
   */
  Prepaid prepay(PrepayRequest request);

  /**
   * The front-end parameters for a payment that was already prepaid, from its stored {@link
   * Payment#prepayData()}, freshly signed where the trade type signs them; no call to the channel.
   *
   * @throws ChannelException of kind {@link ChannelErrorKind#REJECTED} if the stored data cannot be
   *     reused
   */
  Prepaid resume(Payment payment);

  /**
   * Asks the channel for the payment's current state (主动查单).
   *
   * @throws ChannelException if the channel could not answer
   */
  PaymentResult query(String paymentNo);

  /**
   * Closes the payment at the channel so that it can no longer be paid. Closing one that is already
   * closed succeeds.
   *
   * @throws ChannelException of kind {@link ChannelErrorKind#ALREADY_PAID} if it was paid
   */
  void close(String paymentNo);

  /**
   * Submits a refund.
   *
   * @throws ChannelException if the channel refused it or the outcome is unknown
   */
  RefundResult refund(RefundRequest request);

  /**
   * Asks the channel for a refund's current state.
   *
   * @throws ChannelException if the channel could not answer
   */
  RefundResult queryRefund(String refundNo);

  /**
   * Verifies and decrypts a callback exactly as received.
   *
   * @throws CallbackRejectedException if it is forged, stale, a probe, malformed, or not for this
   *     merchant; nothing may be changed then
   */
  CallbackEvent parseCallback(CallbackRequest request);

  /** The answer that tells the channel a callback was handled. */
  CallbackAnswer acknowledge();

  /** The answer that tells the channel a callback was not handled, so that it retries. */
  CallbackAnswer reject(int httpStatus, String message);
}
