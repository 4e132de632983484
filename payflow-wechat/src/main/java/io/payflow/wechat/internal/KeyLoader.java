package io.payflow.wechat.internal;

import com.wechat.pay.java.core.util.PemUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Loads the merchant private key and the WeChat Pay public key from PEM text or files, through the
 * SDK's {@link PemUtil}.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message names the setting and says
 * what is wrong, and never carries the key text nor a cause that might quote it. Stateless and
 * threadsafe.
 */
public final class KeyLoader {

  private KeyLoader() {}

  public static PrivateKey privateKeyFromPath(String setting, Path path) {
    return privateKey(setting, read(setting, path));
  }

  public static PublicKey publicKeyFromPath(String setting, Path path) {
    return publicKey(setting, read(setting, path));
  }

  public static PrivateKey privateKey(String setting, String pem) {
    if (pem.contains("BEGIN CERTIFICATE")) {
      throw new IllegalArgumentException(
          setting
              + " holds a certificate, not a private key: use apiclient_key.pem, not"
              + " apiclient_cert.pem");
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException(
          setting
              + " is a PKCS#1 key (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 with"
              + " 'openssl pkcs8 -topk8 -nocrypt'");
    }
    try {
      return PemUtil.loadPrivateKeyFromString(pem);
    } catch (RuntimeException e) { // cause dropped on purpose: its message may quote the key
      throw new IllegalArgumentException(
          setting + " is not an RSA private key in PKCS#8 PEM form (BEGIN PRIVATE KEY)");
    }
  }

  public static PublicKey publicKey(String setting, String pem) {
    if (pem.contains("BEGIN CERTIFICATE")) {
      throw new IllegalArgumentException(
          setting
              + " holds a certificate, not the WeChat Pay public key: download pub_key.pem from"
              + " the merchant platform (API安全 → 微信支付公钥)");
    }
    try {
      return PemUtil.loadPublicKeyFromString(pem);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          setting + " is not an RSA public key in PEM form (BEGIN PUBLIC KEY)");
    }
  }

  private static String read(String setting, Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          setting + " cannot be read from " + path + ": no file at " + path.toAbsolutePath());
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(
          setting + " cannot be read from " + path.toAbsolutePath() + " (permissions?)");
    }
    try {
      return Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          setting + " cannot be read from " + path + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
