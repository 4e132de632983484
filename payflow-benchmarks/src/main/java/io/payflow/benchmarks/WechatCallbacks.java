package io.payflow.benchmarks;

import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.wechat.VerificationMode;
import io.payflow.wechat.WechatPayChannel;
import io.payflow.wechat.WechatPayConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One merchant's keys, made in memory at setup (none is ever checked in), and WeChat Pay's side of
 * its callbacks: RSA-2048 signatures over {@code timestamp\nnonce\nbody\n} and AEAD_AES_256_GCM
 * resources, made with the SDK's own signer and cipher as the payflow simulator does. Immutable
 * after construction; threadsafe.
 */
final class WechatCallbacks {

  static final String MERCHANT_ID = "1900000109";
  static final String APP_ID = "wxd678efh567hg6787";
  static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092026000000000000000001";
  static final String SIGN_TYPE = "WECHATPAY2-SHA256-RSA2048";

  private final KeyPair merchant = rsa();
  private final KeyPair wechat = rsa();
  private final String apiV3Key = randomAlnum(32);
  private final RSASigner signer = new RSASigner(PUBLIC_KEY_ID, wechat.getPrivate());
  private final AeadAesCipher cipher = new AeadAesCipher(apiV3Key.getBytes(StandardCharsets.UTF_8));

  /** A public-key-mode channel config for this merchant, on the given clock. */
  WechatPayConfig config(Clock clock) {
    return WechatPayConfig.builder()
        .merchantId(MERCHANT_ID)
        .appId(APP_ID)
        .merchantSerialNumber(MERCHANT_SERIAL)
        .merchantPrivateKey(pem("PRIVATE KEY", merchant.getPrivate().getEncoded()))
        .apiV3Key(apiV3Key)
        .verificationMode(VerificationMode.PUBLIC_KEY)
        .wechatPayPublicKeyId(PUBLIC_KEY_ID)
        .wechatPayPublicKey(pem("PUBLIC KEY", wechat.getPublic().getEncoded()))
        .notifyUrl("https://shop.example.com/pay/wechat/notify")
        .clock(clock)
        .build();
  }

  WechatPayChannel channel(Clock clock) {
    return WechatPayChannel.create(config(clock));
  }

  /** The SDK's own parser, set up as its README shows for public-key mode: the floor. */
  NotificationParser sdkParser() {
    return new NotificationParser(
        new RSAPublicKeyNotificationConfig.Builder()
            .publicKey(wechat.getPublic())
            .publicKeyId(PUBLIC_KEY_ID)
            .apiV3Key(apiV3Key)
            .build());
  }

  /** A signed TRANSACTION.SUCCESS callback for the payment, as WeChat Pay sends it. */
  Signed paymentSucceeded(String paymentNo, long total, Instant sentAt) {
    String resourceNonce = randomAlnum(12);
    String ciphertext =
        cipher.encrypt(
            "transaction".getBytes(StandardCharsets.UTF_8),
            resourceNonce.getBytes(StandardCharsets.UTF_8),
            resource(paymentNo, total).getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"id\":\"EV-"
            + paymentNo
            + "\",\"create_time\":\"2026-11-24T18:01:03+08:00\","
            + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\","
            + "\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"transaction\","
            + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
            + ciphertext
            + "\",\"associated_data\":\"transaction\",\"nonce\":\""
            + resourceNonce
            + "\"}}";
    String timestamp = Long.toString(sentAt.getEpochSecond());
    String nonce = randomAlnum(32);
    String signature = signer.sign(timestamp + "\n" + nonce + "\n" + body + "\n").getSign();
    // What a servlet container hands an endpoint: names as sent, a plain map.
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Serial", PUBLIC_KEY_ID);
    headers.put("Wechatpay-Signature", signature);
    headers.put("Wechatpay-Timestamp", timestamp);
    headers.put("Wechatpay-Nonce", nonce);
    headers.put("Wechatpay-Signature-Type", SIGN_TYPE);
    headers.put("Content-Type", "application/json");
    return new Signed(body, headers);
  }

  private static String resource(String paymentNo, long total) {
    return "{\"mchid\":\""
        + MERCHANT_ID
        + "\",\"appid\":\""
        + APP_ID
        + "\",\"out_trade_no\":\""
        + paymentNo
        + "\",\"transaction_id\":\"4200000001202611241234567890\",\"trade_type\":\"NATIVE\","
        + "\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\","
        + "\"attach\":\"\",\"success_time\":\"2026-11-24T18:01:02+08:00\","
        + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
        + "\"amount\":{\"total\":"
        + total
        + ",\"payer_total\":"
        + total
        + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
  }

  /**
   * One callback as received: the raw body and the headers a servlet container hands over.
   * Immutable.
   */
  record Signed(String body, Map<String, String> headers) {

    /** What a payflow endpoint builds per request. */
    CallbackRequest request() {
      return new CallbackRequest(body, headers);
    }

    /** What a plain SDK user builds per request. */
    RequestParam requestParam() {
      return new RequestParam.Builder()
          .serialNumber(headers.get("Wechatpay-Serial"))
          .signature(headers.get("Wechatpay-Signature"))
          .timestamp(headers.get("Wechatpay-Timestamp"))
          .nonce(headers.get("Wechatpay-Nonce"))
          .signType(headers.get("Wechatpay-Signature-Type"))
          .body(body)
          .build();
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make RSA-2048 keys", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static String randomAlnum(int length) {
    String symbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(symbols.charAt(RANDOM.nextInt(symbols.length())));
    }
    return out.toString();
  }
}
