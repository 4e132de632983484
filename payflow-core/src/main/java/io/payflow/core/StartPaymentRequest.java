package io.payflow.core;

import io.payflow.core.model.TradeType;
import org.jspecify.annotations.Nullable;

/**
 * A request to start paying an order through a channel.
 *
 * @param orderNo the order to pay
 * @param channel the channel id, e.g. {@code wechat}
 * @param tradeType how the payer pays
 * @param payerId the payer's channel id (WeChat openid), required for JSAPI
 * @param clientIp the payer's IP, required for H5
 */
public record StartPaymentRequest(
    String orderNo,
    String channel,
    TradeType tradeType,
    @Nullable String payerId,
    @Nullable String clientIp) {}
