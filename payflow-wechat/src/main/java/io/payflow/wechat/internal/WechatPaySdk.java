package io.payflow.wechat.internal;

import com.wechat.pay.java.core.certificate.CertificateProvider;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.cipher.Signer;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import io.payflow.wechat.WechatPayConfig;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The SDK objects of one merchant, wired once: the OkHttp client (timeouts, base URL), the signer,
 * the verifier of the configured mode, the API client and the product services, and the callback
 * resource cipher.
 *
 * <p>All SDK services, the verifier and the cipher are stateless after construction, so one
 * instance serves all threads. Threadsafe.
 */
public final class WechatPaySdk {

  /** The SDK's name for WeChat Pay's signature type, the only one RSA merchants get. */
  public static final String SIGN_TYPE = "WECHATPAY2-SHA256-RSA2048";

  /** The SDK's name for the callback resource cipher. */
  static final String CIPHER = "AEAD_AES_256_GCM";

  private final WechatPayConfig config;
  private final @Nullable CertificateProvider certificateProvider;
  private final Signer signer;
  private final JsapiServiceExtension jsapi;
  private final NativePayService nativePay;
  private final AppServiceExtension app;
  private final H5Service h5;
  private final RefundService refunds;
  private final Verifier verifier;
  private final AeadCipher callbackCipher;

  private WechatPaySdk(WechatPayConfig config) {
    this.config = config;
    OkHttpClient okHttpClient = okHttpClient(config);
    this.certificateProvider =
        switch (config.verificationMode()) {
          case PUBLIC_KEY -> null;
          case CERTIFICATE, COMBINED -> CertificateProviders.forMerchant(config, okHttpClient);
        };
    Verifier verifier =
        switch (config.verificationMode()) {
          case PUBLIC_KEY -> new RSAVerifier(publicKey(), publicKeyId());
          case CERTIFICATE -> new RSAVerifier(Objects.requireNonNull(certificateProvider));
          // Tries the public key when the serial is its id, else the certificates: both arrive
          // while WeChat switches a merchant over.
          case COMBINED ->
              new RSAVerifier(
                  publicKey(), publicKeyId(), Objects.requireNonNull(certificateProvider));
        };
    MerchantSdkConfig sdkConfig =
        new MerchantSdkConfig(
            config.merchantId(),
            config.merchantSerialNumber(),
            config.merchantPrivateKey(),
            verifier,
            config.wechatPayPublicKey(),
            config.wechatPayPublicKeyId(),
            certificateProvider);
    this.signer = sdkConfig.createSigner();
    HttpClient httpClient =
        new DefaultHttpClientBuilder().config(sdkConfig).okHttpClient(okHttpClient).build();
    this.jsapi =
        new JsapiServiceExtension.Builder().config(sdkConfig).httpClient(httpClient).build();
    this.nativePay =
        new NativePayService.Builder().config(sdkConfig).httpClient(httpClient).build();
    this.app = new AppServiceExtension.Builder().config(sdkConfig).httpClient(httpClient).build();
    this.h5 = new H5Service.Builder().config(sdkConfig).httpClient(httpClient).build();
    this.refunds = new RefundService.Builder().config(sdkConfig).httpClient(httpClient).build();
    this.verifier = verifier;
    this.callbackCipher = new AeadAesCipher(config.apiV3Key().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Wires the SDK for the config; in certificate and combined mode this downloads the merchant's
   * platform certificates unless another channel of the same merchant already did.
   *
   * @throws RuntimeException what the SDK throws when that download fails
   */
  public static WechatPaySdk create(WechatPayConfig config) {
    return new WechatPaySdk(config);
  }

  private static OkHttpClient okHttpClient(WechatPayConfig config) {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    BaseUrlInterceptor rewrite = new BaseUrlInterceptor(config.baseUrl());
    if (rewrite.rewrites()) {
      builder.addInterceptor(rewrite);
    }
    return builder.build();
  }

  private java.security.PublicKey publicKey() {
    return Objects.requireNonNull(config.wechatPayPublicKey());
  }

  private String publicKeyId() {
    return Objects.requireNonNull(config.wechatPayPublicKeyId());
  }

  /**
   * Whether a {@code Wechatpay-Serial} names a key this merchant's mode trusts: the public key id,
   * a downloaded platform certificate, or (combined) either.
   */
  public boolean knowsSerial(String serial) {
    boolean publicKey = serial.equals(config.wechatPayPublicKeyId());
    return switch (config.verificationMode()) {
      case PUBLIC_KEY -> publicKey;
      case CERTIFICATE -> CertificateProviders.hasCertificate(config.merchantId(), serial);
      case COMBINED ->
          publicKey || CertificateProviders.hasCertificate(config.merchantId(), serial);
    };
  }

  public Signer signer() {
    return signer;
  }

  public JsapiServiceExtension jsapi() {
    return jsapi;
  }

  /** Native, and also query and close for every trade type: they share one endpoint. */
  public NativePayService nativePay() {
    return nativePay;
  }

  public AppServiceExtension app() {
    return app;
  }

  public H5Service h5() {
    return h5;
  }

  public RefundService refunds() {
    return refunds;
  }

  /** The verifier of WeChat Pay's signatures in this merchant's mode. */
  public Verifier verifier() {
    return verifier;
  }

  /**
   * The cipher of callback resources for an {@code algorithm}, or null for one WeChat never uses.
   */
  public @Nullable AeadCipher cipher(String algorithm) {
    return CIPHER.equals(algorithm) ? callbackCipher : null;
  }
}
