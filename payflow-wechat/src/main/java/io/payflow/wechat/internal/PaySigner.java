package io.payflow.wechat.internal;

import com.wechat.pay.java.core.cipher.Signer;
import com.wechat.pay.java.core.util.NonceUtil;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The front end's pay parameters for a prepay id, signed with the merchant key through the SDK's
 * {@link Signer}: {@code wx.requestPayment} for JSAPI and mini-programs, the App SDK's {@code
 * PayReq} for App.
 *
 * <p>The messages are those {@code JsapiServiceExtension} and {@code AppServiceExtension} sign at
 * prepay; here they are signed again for a stored prepay id (a resumed payment), with a fresh nonce
 * and the configured clock. Threadsafe.
 */
public final class PaySigner {

  private static final int NONCE_LENGTH = 32;

  private final Signer signer;
  private final Clock clock;

  public PaySigner(Signer signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  /** appId, timeStamp, nonceStr, package, signType, paySign: the keys wx.requestPayment takes. */
  public Map<String, String> jsapi(String appId, String prepayId) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = NonceUtil.createNonce(NONCE_LENGTH);
    String packageValue = "prepay_id=" + prepayId;
    String sign =
        signer.sign(appId + "\n" + timestamp + "\n" + nonce + "\n" + packageValue + "\n").getSign();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("appId", appId);
    params.put("timeStamp", timestamp);
    params.put("nonceStr", nonce);
    params.put("package", packageValue);
    params.put("signType", "RSA");
    params.put("paySign", sign);
    return params;
  }

  /** appid, partnerid, prepayid, package, noncestr, timestamp, sign: the App SDK's PayReq. */
  public Map<String, String> app(String appId, String merchantId, String prepayId) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = NonceUtil.createNonce(NONCE_LENGTH);
    String sign =
        signer.sign(appId + "\n" + timestamp + "\n" + nonce + "\n" + prepayId + "\n").getSign();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("appid", appId);
    params.put("partnerid", merchantId);
    params.put("prepayid", prepayId);
    params.put("package", "Sign=WXPay");
    params.put("noncestr", nonce);
    params.put("timestamp", timestamp);
    params.put("sign", sign);
    return params;
  }
}
