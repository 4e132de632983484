package io.payflow.wechat.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.TradeType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One order's mutable state; guarded by the simulator's lock. */
final class OrderState {
  final String outTradeNo;
  final TradeType tradeType;
  // Kept whole: WeChat answers a repeated prepay with the same prepay_id only if every field is
  // the same, and refuses it with OUT_TRADE_NO_USED otherwise.
  final JsonNode prepayRequest;
  final String appId;
  final String description;
  final String notifyUrl;
  final long total;
  final String currency;
  final @Nullable String attach;
  final String prepayId;
  final String prepayAnswer;
  TradeState state = TradeState.NOTPAY;
  @Nullable String transactionId;
  @Nullable String payerOpenId;
  @Nullable Instant successTime;
  long refunded;

  OrderState(
      String outTradeNo,
      TradeType tradeType,
      JsonNode prepayRequest,
      String appId,
      String description,
      String notifyUrl,
      long total,
      String currency,
      @Nullable String attach,
      @Nullable String payerOpenId,
      String prepayId,
      String prepayAnswer) {
    this.outTradeNo = outTradeNo;
    this.tradeType = tradeType;
    this.prepayRequest = prepayRequest;
    this.appId = appId;
    this.description = description;
    this.notifyUrl = notifyUrl;
    this.total = total;
    this.currency = currency;
    this.attach = attach;
    this.payerOpenId = payerOpenId;
    this.prepayId = prepayId;
    this.prepayAnswer = prepayAnswer;
  }

  SimulatedOrder snapshot() {
    return new SimulatedOrder(
        outTradeNo,
        tradeType,
        appId,
        description,
        notifyUrl,
        total,
        state,
        prepayId,
        transactionId,
        payerOpenId,
        successTime,
        refunded);
  }
}
