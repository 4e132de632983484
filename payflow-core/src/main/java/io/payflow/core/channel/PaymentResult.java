package io.payflow.core.channel;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A channel's verified word on a payment, from a callback or a query; the same transitions follow
 * from either.
 *
 * @param channel the channel id
 * @param paymentNo the payment number ({@code out_trade_no})
 * @param outcome what happened
 * @param channelState the channel's own state name, e.g. {@code PAYERROR}
 * @param transactionId the channel's transaction id, or null
 * @param amount fen the channel says were paid or requested ({@code amount.total}), or -1 if it did
 *     not say
 * @param paidAt when it was paid, or null
 * @param message the channel's description of the state, or null
 * @param source where the word came from
 */
public record PaymentResult(
    String channel,
    String paymentNo,
    PaymentOutcome outcome,
    String channelState,
    @Nullable String transactionId,
    long amount,
    @Nullable Instant paidAt,
    @Nullable String message,
    Source source) {

  /** Where a result came from. */
  public enum Source {
    CALLBACK,
    QUERY
  }
}
