package io.payflow.core.model;

/** How the payer pays: the channel's product (WeChat Pay's JSAPI, Native, App, H5). */
public enum TradeType {
  /** In WeChat's browser or a mini-program: the front end calls {@code wx.requestPayment}. */
  JSAPI,
  /** A QR code ({@code code_url}) the payer scans. */
  NATIVE,
  /** A native mobile app calls the WeChat SDK. */
  APP,
  /** A mobile browser outside WeChat opens {@code h5_url}; needs the payer's client IP. */
  H5
}
