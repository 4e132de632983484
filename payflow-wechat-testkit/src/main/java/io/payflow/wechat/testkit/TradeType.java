package io.payflow.wechat.testkit;

/** WeChat Pay's {@code trade_type}: which prepay endpoint created the order. */
public enum TradeType {
  /** JSAPI and mini-program payments. */
  JSAPI,
  /** QR code payments. */
  NATIVE,
  /** In-app payments. */
  APP,
  /** H5 payments in a mobile browser (WeChat calls the trade type {@code MWEB}). */
  MWEB
}
