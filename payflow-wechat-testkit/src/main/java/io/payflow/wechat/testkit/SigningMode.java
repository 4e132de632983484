package io.payflow.wechat.testkit;

/**
 * How the simulator signs its responses and notifications, that is, which kind of WeChat Pay
 * verification key a merchant has.
 */
public enum SigningMode {
  /**
   * 微信支付公钥: responses carry {@code Wechatpay-Serial: PUB_KEY_ID_…}, and {@code GET
   * /v3/certificates} answers 404 {@code NOT_FOUND}, as it does for merchants registered since late
   * 2024 who have no platform certificate at all.
   */
  PUBLIC_KEY,
  /**
   * 平台证书: responses carry the platform certificate's serial number, and {@code GET
   * /v3/certificates} serves the certificate encrypted with the API v3 key.
   */
  CERTIFICATE
}
