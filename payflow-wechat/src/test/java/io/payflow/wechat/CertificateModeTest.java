package io.payflow.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate-mode cases the simulator cannot sign (it signs with one kind of key at a time):
 * combined mode with both kinds of serial, a public key id in certificate mode, the merchant's own
 * key passed off as the platform certificate. The plain certificate mode runs against the simulator
 * in {@link CertificateModeSimulatorTest}. The platform certificate is made at test time with the
 * JDK's keytool.
 */
class CertificateModeTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:01:05Z");

  @TempDir static Path dir;

  private static WechatPayStub wechat;
  private static PrivateKey platformKey;
  private static String platformSerial;

  @BeforeAll
  static void startWechatWithAPlatformCertificate() throws Exception {
    Path store = dir.resolve("platform.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "wx",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=Tenpay.com Root CA",
                "-validity",
                "3650",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, "changeit".toCharArray());
    }
    X509Certificate certificate = (X509Certificate) keyStore.getCertificate("wx");
    platformKey = (PrivateKey) keyStore.getKey("wx", "changeit".toCharArray());
    platformSerial = certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);

    String pem = TestKeys.pem("CERTIFICATE", certificate.getEncoded());
    String nonce = "c3rtN0nce123";
    String ciphertext = TestKeys.encrypt(TestKeys.API_V3_KEY, "certificate", nonce, pem);
    wechat = new WechatPayStub();
    wechat.stub(
        get(urlPathEqualTo("/v3/certificates"))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"data\":[{\"serial_no\":\""
                            + platformSerial
                            + "\",\"effective_time\":\"2026-01-01T00:00:00+08:00\","
                            + "\"expire_time\":\"2031-01-01T00:00:00+08:00\","
                            + "\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\","
                            + "\"nonce\":\""
                            + nonce
                            + "\",\"associated_data\":\"certificate\",\"ciphertext\":\""
                            + ciphertext
                            + "\"}}]}")));
  }

  @AfterAll
  static void stop() {
    wechat.close();
  }

  private static WechatPayConfig.Builder certificateConfig(String merchantId) {
    return WechatPayConfig.builder()
        .merchantId(merchantId)
        .appId(TestKeys.APP_ID)
        .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
        .merchantPrivateKey(TestKeys.privatePem(TestKeys.MERCHANT.getPrivate()))
        .apiV3Key(TestKeys.API_V3_KEY)
        .verificationMode(VerificationMode.CERTIFICATE)
        .notifyUrl("https://shop.example.com/notify")
        .baseUrl(wechat.baseUrl())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static CallbackRequest callback(String merchantId, String serial, PrivateKey key) {
    String body =
        Notifications.body(
            "TRANSACTION.SUCCESS",
            "transaction",
            Notifications.paymentResource(merchantId, TestKeys.APP_ID, "P1", 100),
            TestKeys.API_V3_KEY);
    return new CallbackRequest(body, Notifications.headers(body, NOW, serial, key));
  }

  @Test
  void certificateModeRejectsAPublicKeySerial() {
    WechatPayChannel channel = WechatPayChannel.create(certificateConfig("1900000202").build());

    assertThatThrownBy(
            () ->
                channel.parseCallback(
                    callback("1900000202", TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate())))
        .isInstanceOf(CallbackRejectedException.class)
        .hasMessageContaining("use COMBINED or PUBLIC_KEY");
  }

  @Test
  void combinedModeAcceptsBothKindsOfSerial() {
    WechatPayChannel channel =
        WechatPayChannel.create(
            certificateConfig("1900000204")
                .verificationMode(VerificationMode.COMBINED)
                .wechatPayPublicKeyId(TestKeys.PUBLIC_KEY_ID)
                .wechatPayPublicKey(TestKeys.publicPem(TestKeys.WECHAT.getPublic()))
                .build());

    assertThat(channel.parseCallback(callback("1900000204", platformSerial, platformKey)))
        .isInstanceOf(CallbackEvent.PaymentNotified.class);
    assertThat(
            channel.parseCallback(
                callback("1900000204", TestKeys.PUBLIC_KEY_ID, TestKeys.WECHAT.getPrivate())))
        .isInstanceOf(CallbackEvent.PaymentNotified.class);
    // The certificate's key does not pass for the public key's id, nor the other way round.
    assertThatThrownBy(
            () ->
                channel.parseCallback(callback("1900000204", TestKeys.PUBLIC_KEY_ID, platformKey)))
        .isInstanceOf(CallbackRejectedException.class);
  }

  @Test
  void platformCertificateIsNotTheMerchantCertificate() {
    // Signed with the merchant's own key (the mix-up of wechatpay-java #46): refused, and no key
    // material shows in the message.
    WechatPayChannel channel = WechatPayChannel.create(certificateConfig("1900000205").build());

    assertThatThrownBy(
            () ->
                channel.parseCallback(
                    callback("1900000205", platformSerial, TestKeys.MERCHANT.getPrivate())))
        .isInstanceOf(CallbackRejectedException.class)
        .hasMessageContaining("signature does not verify")
        .message()
        .doesNotContain(Base64.getEncoder().encodeToString(platformKey.getEncoded()));
  }
}
