package io.payflow.core.channel;

import io.payflow.core.model.TradeType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a channel needs to place an order (统一下单).
 *
 * @param paymentNo the payment number, the channel's {@code out_trade_no}
 * @param orderNo the order number, for the channel's attach/trace fields
 * @param tradeType how the payer pays
 * @param amount fen to collect
 * @param description the text shown to the payer
 * @param expiresAt when the channel must stop accepting payment (WeChat's {@code time_expire})
 * @param payerId the payer's channel id (WeChat openid), required for JSAPI, else null
 * @param clientIp the payer's IP, required for H5, else null
 */
public record PrepayRequest(
    String paymentNo,
    String orderNo,
    TradeType tradeType,
    long amount,
    String description,
    Instant expiresAt,
    @Nullable String payerId,
    @Nullable String clientIp) {}
