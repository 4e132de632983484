package io.payflow.wechat.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an order as the simulator holds it.
 *
 * @param outTradeNo the merchant's order number
 * @param tradeType which prepay endpoint created it
 * @param appId the {@code appid} of the prepay
 * @param description the {@code description} of the prepay
 * @param notifyUrl the {@code notify_url} of the prepay
 * @param total the amount in fen (分)
 * @param state the current {@code trade_state}
 * @param prepayId the prepay id (or, for Native and H5, the id behind the returned URL)
 * @param transactionId WeChat's transaction id, once the payer acted; {@code null} before
 * @param payerOpenId the payer's openid: given at prepay for JSAPI, invented at payment otherwise
 * @param successTime when it was paid; {@code null} unless paid
 * @param refunded the sum of the refunds requested on it, in fen
 */
public record SimulatedOrder(
    String outTradeNo,
    TradeType tradeType,
    String appId,
    String description,
    String notifyUrl,
    long total,
    TradeState state,
    String prepayId,
    @Nullable String transactionId,
    @Nullable String payerOpenId,
    @Nullable Instant successTime,
    long refunded) {}
