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
}
