package io.payflow.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key material made at test time (none is committed): the merchant's key pair, WeChat Pay's key
 * pair, an API v3 key; and WeChat's side of the crypto written with the JDK alone, so the tests do
 * not check the SDK against itself.
 */
public final class TestKeys {

  public static final String MERCHANT_ID = "1900000109";
  public static final String APP_ID = "wxd678efh567hg6787";
  public static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092025000000000000000001";
  public static final String API_V3_KEY = randomAlnum(32);

  public static final KeyPair MERCHANT = generate();
  public static final KeyPair WECHAT = generate();

  private TestKeys() {}

  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String privatePem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  public static String publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** SHA256withRSA over the text, Base64: how WeChat signs responses and callbacks. */
  public static String sign(PrivateKey key, String message) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean verify(PublicKey key, String message, String base64Signature) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update(message.getBytes(StandardCharsets.UTF_8));
      return signature.verify(Base64.getDecoder().decode(base64Signature));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** AEAD_AES_256_GCM as WeChat encrypts callback resources: Base64(ciphertext || tag). */
  public static String encrypt(String apiV3Key, String associatedData, String nonce, String text) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String randomAlnum(int length) {
    String symbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(symbols.charAt(random.nextInt(symbols.length())));
    }
    return out.toString();
  }

  /** A valid public-key-mode config builder for this test merchant. */
  public static WechatPayConfig.Builder config() {
    return WechatPayConfig.builder()
        .merchantId(MERCHANT_ID)
        .appId(APP_ID)
        .merchantSerialNumber(MERCHANT_SERIAL)
        .merchantPrivateKey(privatePem(MERCHANT.getPrivate()))
        .apiV3Key(API_V3_KEY)
        .wechatPayPublicKeyId(PUBLIC_KEY_ID)
        .wechatPayPublicKey(publicPem(WECHAT.getPublic()))
        .notifyUrl("https://shop.example.com/pay/wechat/notify");
  }
}
