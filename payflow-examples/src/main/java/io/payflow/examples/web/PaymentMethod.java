package io.payflow.examples.web;

import io.payflow.core.model.TradeType;
import io.payflow.wechat.WechatPayChannel;

/** How the demo's client asks to pay: a channel and its trade type in one word. */
public enum PaymentMethod {
  /** In WeChat's browser or a mini-program; needs the payer's {@code openId}. */
  WECHAT_JSAPI(TradeType.JSAPI),
  /** A QR code the payer scans. */
  WECHAT_NATIVE(TradeType.NATIVE),
  /** A native mobile app. */
  WECHAT_APP(TradeType.APP),
  /** A mobile browser outside WeChat; needs the payer's {@code clientIp}. */
  WECHAT_H5(TradeType.H5);

  /** The id of payflow-wechat's channel. */
  public static final String WECHAT_CHANNEL = WechatPayChannel.ID;

  private final TradeType tradeType;

  PaymentMethod(TradeType tradeType) {
    this.tradeType = tradeType;
  }

  public String channel() {
    return WECHAT_CHANNEL;
  }

  public TradeType tradeType() {
    return tradeType;
  }
}
