package io.payflow.wechat.testkit.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The keys of one simulator, all generated in memory so that no key material is ever committed.
 * Immutable, so threadsafe.
 */
final class KeyMaterial {

  private static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  final KeyPair merchant;
  final String merchantSerialNumber;
  final KeyPair platformPublicKey;
  final String platformPublicKeyId;
  // A real merchant's platform certificate and WeChat Pay public key are different keys: keeping
  // them apart here is what lets tests catch a client that verifies with the wrong one.
  final KeyPair platformCertificateKey;
  final X509Certificate platformCertificate;
  final String platformCertificateSerialNumber;
  final String apiV3Key;

  private KeyMaterial(
      KeyPair merchant,
      String merchantSerialNumber,
      KeyPair platformPublicKey,
      String platformPublicKeyId,
      KeyPair platformCertificateKey,
      X509Certificate platformCertificate,
      String apiV3Key) {
    this.merchant = merchant;
    this.merchantSerialNumber = merchantSerialNumber;
    this.platformPublicKey = platformPublicKey;
    this.platformPublicKeyId = platformPublicKeyId;
    this.platformCertificateKey = platformCertificateKey;
    this.platformCertificate = platformCertificate;
    // Same rule as the SDK's PemUtil.getSerialNumber, so serials compare equal as strings.
    this.platformCertificateSerialNumber =
        platformCertificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    this.apiV3Key = apiV3Key;
  }

  static KeyMaterial generate(String merchantId, Instant now) {
    SecureRandom random = new SecureRandom();
    KeyPair merchant = rsa(random);
    KeyPair publicKey = rsa(random);
    KeyPair certificateKey = rsa(random);
    String merchantSerial = new BigInteger(160, random).toString(16).toUpperCase();
    while (merchantSerial.length() < 40) {
      merchantSerial = "0" + merchantSerial;
    }
    StringBuilder keyId = new StringBuilder("PUB_KEY_ID_01").append(merchantId);
    while (keyId.length() < 43) {
      keyId.append(random.nextInt(10));
    }
    return new KeyMaterial(
        merchant,
        merchantSerial,
        publicKey,
        keyId.toString(),
        certificateKey,
        selfSignedCertificate(certificateKey, random, now),
        randomString(random, 32));
  }

  static String randomString(SecureRandom random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return s.toString();
  }

  static String pem(String type, byte[] der) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }

  private static KeyPair rsa(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate RSA-2048 keys", e);
    }
  }

  private static X509Certificate selfSignedCertificate(
      KeyPair keyPair, SecureRandom random, Instant now) {
    X500Name name =
        new X500Name("CN=Tenpay.com Root CA (payflow simulator), O=payflow simulator, C=CN");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(159, random).setBit(158),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(5 * 365))),
            name,
            keyPair.getPublic());
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | java.security.cert.CertificateException e) {
      throw new IllegalStateException("could not make the simulator's platform certificate", e);
    }
  }
}
