package io.payflow.wechat;

/**
 * How WeChat Pay's signatures on responses and callbacks are verified.
 *
 * <p>WeChat Pay signs with either a platform certificate (serial in {@code Wechatpay-Serial} is a
 * hex certificate serial) or the WeChat Pay public key (serial {@code PUB_KEY_ID_…}). Merchants
 * registered since late 2024 only have the public key.
 */
public enum VerificationMode {
  /**
   * The WeChat Pay public key (微信支付公钥) and its id {@code PUB_KEY_ID_…}, both from the merchant
   * platform. No network call at start-up. The default, and the only mode for new merchants.
   */
  PUBLIC_KEY,
  /**
   * Platform certificates (平台证书) downloaded from {@code /v3/certificates} at start-up and renewed
   * hourly by the SDK. Needs no key file besides the merchant's own.
   */
  CERTIFICATE,
  /**
   * The switch period from certificates to the public key (灰度切换期): both kinds of serial are
   * accepted. Needs the public key and downloads the certificates.
   */
  COMBINED
}
