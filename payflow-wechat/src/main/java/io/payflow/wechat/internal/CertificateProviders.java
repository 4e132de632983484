package io.payflow.wechat.internal;

import com.wechat.pay.java.core.certificate.AutoCertificateService;
import com.wechat.pay.java.core.certificate.CertificateProvider;
import com.wechat.pay.java.core.certificate.RSAAutoCertificateProvider;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import io.payflow.wechat.WechatPayConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One auto-updating platform-certificate provider per merchant id in this JVM.
 *
 * <p>The SDK keeps downloaded certificates in a static registry ({@link AutoCertificateService})
 * keyed by merchant id: every new {@link RSAAutoCertificateProvider} downloads again and replaces
 * the merchant's downloader (older SDK versions even refused a second one with "provider for the
 * merchant already exists"). So providers are built once per merchant and shared by every channel
 * of that merchant; a config with different credentials for the same merchant replaces it.
 * Threadsafe.
 */
public final class CertificateProviders {

  private static final Logger log = LoggerFactory.getLogger(CertificateProviders.class);

  /** The SDK's certificate type key for RSA certificates. */
  private static final String RSA = "RSA";

  private static final Map<String, Entry> BY_MERCHANT = new ConcurrentHashMap<>();

  private record Entry(String fingerprint, CertificateProvider provider) {}

  private CertificateProviders() {}

  /**
   * The merchant's provider, built (and its certificates downloaded) on first use.
   *
   * @throws RuntimeException what the SDK throws when the download fails
   */
  public static CertificateProvider forMerchant(WechatPayConfig config, OkHttpClient okHttpClient) {
    String fingerprint = fingerprint(config);
    return BY_MERCHANT
        .compute(
            config.merchantId(),
            (merchantId, existing) -> {
              if (existing != null && existing.fingerprint().equals(fingerprint)) {
                return existing;
              }
              if (existing != null) {
                log.warn(
                    "WeChat Pay merchant {}: credentials or base URL changed, downloading platform"
                        + " certificates again",
                    merchantId);
              }
              log.info("WeChat Pay merchant {}: downloading platform certificates", merchantId);
              CertificateProvider provider =
                  new RSAAutoCertificateProvider.Builder()
                      .merchantId(merchantId)
                      .merchantSerialNumber(config.merchantSerialNumber())
                      .privateKey(config.merchantPrivateKey())
                      .apiV3Key(config.apiV3Key().getBytes(StandardCharsets.UTF_8))
                      // Through our OkHttp client, so the base URL and timeouts apply to downloads.
                      .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(okHttpClient))
                      .build();
              return new Entry(fingerprint, provider);
            })
        .provider();
  }

  /** Whether the merchant's downloaded certificates include this serial number. */
  public static boolean hasCertificate(String merchantId, String serialNumber) {
    try {
      return AutoCertificateService.getCertificate(merchantId, RSA, serialNumber) != null;
    } catch (RuntimeException e) { // no certificates registered for the merchant
      return false;
    }
  }

  // A digest, so that the secret never sits in a map key or a log line.
  private static String fingerprint(WechatPayConfig config) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {config.merchantSerialNumber(), config.apiV3Key(), config.baseUrl()}) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      digest.update(config.merchantPrivateKey().getEncoded());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
