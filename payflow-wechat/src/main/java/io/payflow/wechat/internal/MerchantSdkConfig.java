package io.payflow.wechat.internal;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.auth.Credential;
import com.wechat.pay.java.core.auth.Validator;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.auth.WechatPay2Validator;
import com.wechat.pay.java.core.certificate.CertificateProvider;
import com.wechat.pay.java.core.cipher.PrivacyDecryptor;
import com.wechat.pay.java.core.cipher.PrivacyEncryptor;
import com.wechat.pay.java.core.cipher.RSAPrivacyDecryptor;
import com.wechat.pay.java.core.cipher.RSAPrivacyEncryptor;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.cipher.Signer;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.util.PemUtil;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SDK {@link Config} of one merchant, assembled from the SDK's own parts ({@link RSASigner},
 * {@link WechatPay2Credential}, {@link WechatPay2Validator} around an {@code RSAVerifier}).
 *
 * <p>It is what {@code RSAPublicKeyConfig} and {@code RSAAutoCertificateConfig} assemble, with one
 * difference: the verifier is given, so the same class serves the public-key, certificate and
 * combined modes (0.2.17 has a combined config only for notifications), and the certificate
 * provider is the merchant's shared one. Immutable and threadsafe.
 */
final class MerchantSdkConfig implements Config {

  private final Signer signer;
  private final Credential credential;
  private final Validator validator;
  private final PrivateKey privateKey;
  private final @Nullable PublicKey publicKey;
  private final @Nullable String publicKeyId;
  private final @Nullable CertificateProvider certificateProvider;

  MerchantSdkConfig(
      String merchantId,
      String merchantSerialNumber,
      PrivateKey privateKey,
      Verifier verifier,
      @Nullable PublicKey publicKey,
      @Nullable String publicKeyId,
      @Nullable CertificateProvider certificateProvider) {
    this.signer = new RSASigner(merchantSerialNumber, privateKey);
    this.credential = new WechatPay2Credential(merchantId, signer);
    this.validator = new WechatPay2Validator(verifier);
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.publicKeyId = publicKeyId;
    this.certificateProvider = certificateProvider;
  }

  @Override
  public PrivacyEncryptor createEncryptor() {
    if (publicKey != null) {
      return new RSAPrivacyEncryptor(publicKey, publicKeyId);
    }
    X509Certificate certificate =
        Objects.requireNonNull(certificateProvider).getAvailableCertificate();
    return new RSAPrivacyEncryptor(
        certificate.getPublicKey(), PemUtil.getSerialNumber(certificate));
  }

  @Override
  public PrivacyDecryptor createDecryptor() {
    return new RSAPrivacyDecryptor(privateKey);
  }

  @Override
  public Credential createCredential() {
    return credential;
  }

  @Override
  public Validator createValidator() {
    return validator;
  }

  @Override
  public Signer createSigner() {
    return signer;
  }
}
