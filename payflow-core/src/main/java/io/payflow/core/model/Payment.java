package io.payflow.core.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A payment (支付单): one attempt to collect an order's amount through one channel.
 *
 * <p>An order can have several payments over time (a retry after a failed prepay gets a new
 * number); at most one of them ends the order as paid.
 *
 * <p>The record is a plain value. Its named changes ({@link #prepaid}, {@link #succeeded}, ...)
 * return a copy in the new status with the fields that go with it and {@code updatedAt = now}; they
 * do not check the transition table ({@link PaymentTransitions}): that is the writer's job.
 *
 * @param paymentNo the payment number, sent to the channel as {@code out_trade_no}: unique, at most
 *     32 characters of {@code [0-9A-Za-z_-]}
 * @param orderNo the order it pays
 * @param channel the channel id, e.g. {@code wechat}
 * @param tradeType how the payer pays
 * @param amount the amount to collect in fen
 * @param status where the payment is in its lifecycle
 * @param payerId the payer's channel id where the trade type needs one (WeChat openid), or null
 * @param clientIp the payer's IP where the trade type needs one (H5), or null
 * @param prepayData what the channel returned for the prepay (e.g. {@code prepay_id}, {@code
 *     code_url}, {@code h5_url}), kept so the front end can be given the pay parameters again
 *     without a second prepay; empty until prepaid
 * @param transactionId the channel's transaction id once paid, or null
 * @param failureCode the channel's error or state code when it failed, or null
 * @param failureReason the channel's message when it failed, or null
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param paidAt when the channel says it was paid, or null
 */
public record Payment(
    String paymentNo,
    String orderNo,
    String channel,
    TradeType tradeType,
    long amount,
    PaymentStatus status,
    @Nullable String payerId,
    @Nullable String clientIp,
    Map<String, String> prepayData,
    @Nullable String transactionId,
    @Nullable String failureCode,
    @Nullable String failureReason,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant paidAt) {

  public Payment {
    prepayData = Map.copyOf(prepayData);
  }

  /** {@code PREPAID}: the channel accepted the prepay and returned {@code data}. */
  public Payment prepaid(Map<String, String> data, Instant now) {
    return with(PaymentStatus.PREPAID, data, transactionId, null, null, now, paidAt);
  }

  /** {@code PREPAY_FAILED}: the channel refused the prepay, or never received it. */
  public Payment prepayFailed(@Nullable String code, @Nullable String reason, Instant now) {
    return with(PaymentStatus.PREPAY_FAILED, prepayData, transactionId, code, reason, now, paidAt);
  }

  /** {@code UNKNOWN}: a channel call broke off; a query settles what happened. */
  public Payment unknown(@Nullable String code, @Nullable String reason, Instant now) {
    return with(PaymentStatus.UNKNOWN, prepayData, transactionId, code, reason, now, paidAt);
  }

  /** {@code SUCCEEDED}: the channel says it was paid at {@code paidAt} as {@code transactionId}. */
  public Payment succeeded(@Nullable String transactionId, Instant paidAt, Instant now) {
    return with(PaymentStatus.SUCCEEDED, prepayData, transactionId, null, null, now, paidAt);
  }

  /** {@code FAILED}: the channel says it was not paid and will not be. */
  public Payment failed(@Nullable String code, @Nullable String reason, Instant now) {
    return with(PaymentStatus.FAILED, prepayData, transactionId, code, reason, now, null);
  }

  /** {@code CLOSED} with the channel's word on why. */
  public Payment closed(@Nullable String code, @Nullable String reason, Instant now) {
    return with(PaymentStatus.CLOSED, prepayData, transactionId, code, reason, now, null);
  }

  /** {@code CLOSED} by payflow (cancel, expiry, superseded), every other field kept. */
  public Payment closed(Instant now) {
    return with(
        PaymentStatus.CLOSED, prepayData, transactionId, failureCode, failureReason, now, paidAt);
  }

  private Payment with(
      PaymentStatus newStatus,
      Map<String, String> newPrepayData,
      @Nullable String newTransactionId,
      @Nullable String newFailureCode,
      @Nullable String newFailureReason,
      Instant now,
      @Nullable Instant newPaidAt) {
    return new Payment(
        paymentNo,
        orderNo,
        channel,
        tradeType,
        amount,
        newStatus,
        payerId,
        clientIp,
        newPrepayData,
        newTransactionId,
        newFailureCode,
        newFailureReason,
        createdAt,
        now,
        newPaidAt);
  }
}
