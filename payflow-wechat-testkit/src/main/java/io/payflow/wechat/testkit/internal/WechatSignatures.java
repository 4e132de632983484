package io.payflow.wechat.testkit.internal;

import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.util.NonceUtil;
import io.payflow.wechat.testkit.SigningMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs as WeChat Pay does, with the key of the configured mode: the WeChat Pay public key pair
 * ({@code PUB_KEY_ID_…}) or the platform certificate's key (its serial). Uses the SDK's own signer
 * so that the simulator and the SDK cannot disagree on the algorithm.
 *
 * <p>This class is threadsafe.
 */
final class WechatSignatures {

  private final RSASigner signer;
  private final String serial;

  WechatSignatures(SigningMode mode, KeyMaterial keys) {
    this.serial =
        mode == SigningMode.PUBLIC_KEY
            ? keys.platformPublicKeyId
            : keys.platformCertificateSerialNumber;
    this.signer =
        mode == SigningMode.PUBLIC_KEY
            ? new RSASigner(keys.platformPublicKeyId, keys.platformPublicKey.getPrivate())
            : new RSASigner(
                keys.platformCertificateSerialNumber, keys.platformCertificateKey.getPrivate());
  }

  /** Signs {@code body} now, with a fresh nonce; returns the four {@code Wechatpay-*} headers. */
  Map<String, String> sign(String body) {
    return sign(Instant.now(), NonceUtil.createNonce(32), body);
  }

  Map<String, String> sign(Instant timestamp, String nonce, String body) {
    String seconds = Long.toString(timestamp.getEpochSecond());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Serial", serial());
    headers.put("Wechatpay-Signature", signature(seconds, nonce, body));
    headers.put("Wechatpay-Timestamp", seconds);
    headers.put("Wechatpay-Nonce", nonce);
    return headers;
  }

  String signature(String timestamp, String nonce, String body) {
    return signer.sign(timestamp + "\n" + nonce + "\n" + body + "\n").getSign();
  }

  String serial() {
    return serial;
  }
}
