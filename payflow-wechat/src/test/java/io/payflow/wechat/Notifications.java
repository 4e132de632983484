package io.payflow.wechat;

import io.payflow.core.channel.CallbackRequest;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds WeChat Pay v3 callbacks in test code, signed and encrypted the way WeChat does. */
final class Notifications {

  static final String NONCE = "fdasflkja484w";

  private Notifications() {}

  static String paymentResource(String mchid, String appid, String outTradeNo, long total) {
    return "{\"mchid\":\""
        + mchid
        + "\",\"appid\":\""
        + appid
        + "\",\"out_trade_no\":\""
        + outTradeNo
        + "\",\"transaction_id\":\"4200000001202611241234567890\",\"trade_type\":\"JSAPI\","
        + "\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\","
        + "\"attach\":\"O-1\",\"success_time\":\"2026-11-24T18:01:02+08:00\","
        + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
        + "\"amount\":{\"total\":"
        + total
        + ",\"payer_total\":"
        + total
        + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
  }

  static String refundResource(String mchid, String outTradeNo, String outRefundNo) {
    return "{\"mchid\":\""
        + mchid
        + "\",\"out_trade_no\":\""
        + outTradeNo
        + "\",\"transaction_id\":\"4200000001202611241234567890\",\"out_refund_no\":\""
        + outRefundNo
        + "\",\"refund_id\":\"50000000382019052709732678859\",\"refund_status\":\"SUCCESS\","
        + "\"success_time\":\"2026-11-24T19:00:00+08:00\",\"user_received_account\":\"招商银行信用卡0403\","
        + "\"amount\":{\"total\":999,\"refund\":999,\"payer_total\":999,\"payer_refund\":999}}";
  }

  /** The callback body: the envelope with the resource encrypted under the API v3 key. */
  static String body(String eventType, String originalType, String resourceJson, String apiV3Key) {
    String associatedData = originalType;
    String nonce = "r4Nd0mN0nc3x"; // 12 bytes, as WeChat's resource nonces
    String ciphertext = TestKeys.encrypt(apiV3Key, associatedData, nonce, resourceJson);
    return "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2026-11-24T18:01:03+08:00\","
        + "\"resource_type\":\"encrypt-resource\",\"event_type\":\""
        + eventType
        + "\",\"summary\":\"支付成功\",\"resource\":{\"original_type\":\""
        + originalType
        + "\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
        + ciphertext
        + "\",\"associated_data\":\""
        + associatedData
        + "\",\"nonce\":\""
        + nonce
        + "\"}}";
  }

  static String paymentBody(long total) {
    return body(
        "TRANSACTION.SUCCESS",
        "transaction",
        paymentResource(TestKeys.MERCHANT_ID, TestKeys.APP_ID, "P20261124000001", total),
        TestKeys.API_V3_KEY);
  }

  /** Headers signed by the given key over {@code timestamp\nnonce\nbody\n}. */
  static Map<String, String> headers(
      String body, Instant sentAt, String serial, PrivateKey wechatKey) {
    String timestamp = Long.toString(sentAt.getEpochSecond());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Serial", serial);
    headers.put("Wechatpay-Timestamp", timestamp);
    headers.put("Wechatpay-Nonce", NONCE);
    headers.put(
        "Wechatpay-Signature",
        TestKeys.sign(wechatKey, timestamp + "\n" + NONCE + "\n" + body + "\n"));
    headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    headers.put("Content-Type", "application/json");
    return headers;
  }

  static CallbackRequest signed(String body, Instant sentAt) {
    return new CallbackRequest(
        body, headers(body, sentAt, TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate()));
  }
}
