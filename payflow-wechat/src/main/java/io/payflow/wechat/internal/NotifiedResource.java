package io.payflow.wechat.internal;

import org.jspecify.annotations.Nullable;

/**
 * The decrypted {@code resource} of a payment or refund callback: the union of the fields payflow
 * reads from either, mapped by the SDK's Gson (snake_case names). The SDK's {@code
 * RefundNotification} has no {@code mchid}, which the merchant check needs. Mutable only while Gson
 * fills it; not shared between threads.
 */
final class NotifiedResource {

  @Nullable String mchid;
  @Nullable String appid;
  @Nullable String outTradeNo;
  @Nullable String transactionId;
  @Nullable String tradeState;
  @Nullable String tradeStateDesc;
  @Nullable String successTime;
  @Nullable Amount amount;
  @Nullable String outRefundNo;
  @Nullable String refundId;
  @Nullable String refundStatus;

  /** {@code amount}: {@code total} for payments and refunds, {@code refund} for refunds. */
  static final class Amount {
    @Nullable Long total;
    @Nullable Long refund;
  }
}
