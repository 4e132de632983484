package io.payflow.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.ConfigurationException;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.model.TradeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WechatPayConfigTest {

  @Test
  void validConfigTakesTheNamedDefaults() {
    WechatPayConfig config = TestKeys.config().build();

    assertThat(config.baseUrl()).isEqualTo(WechatPayConfig.DEFAULT_BASE_URL);
    assertThat(config.verificationMode()).isEqualTo(VerificationMode.PUBLIC_KEY);
    assertThat(config.maxCallbackSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.connectTimeout()).isEqualTo(WechatPayConfig.DEFAULT_CONNECT_TIMEOUT);
    assertThat(config.readTimeout()).isEqualTo(WechatPayConfig.DEFAULT_READ_TIMEOUT);
    assertThat(config.wechatPayPublicKey()).isEqualTo(TestKeys.WECHAT.getPublic());
  }

  @Test
  void missingApiV3KeyIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> TestKeys.config().apiV3Key("").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("apiV3Key is required");
  }

  @Test
  void shortApiV3KeyIsRefusedWithItsLengthButNotItsValue() {
    String shortKey = "abcdefghij0123456789";

    assertThatThrownBy(() -> TestKeys.config().apiV3Key(shortKey).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("apiV3Key must be exactly 32 bytes, but has 20 bytes")
        .message()
        .doesNotContain(shortKey);
  }

  @Test
  void apiV3KeyIsCountedInBytesNotCharacters() {
    // 16 Chinese characters are 48 UTF-8 bytes: the AES key would not be 256 bits.
    assertThatThrownBy(() -> TestKeys.config().apiV3Key("密".repeat(16)).build())
        .hasMessageContaining("has 48 bytes");
  }

  @Test
  void unreadablePrivateKeyFileIsRefusedNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("apiclient_key.pem");

    assertThatThrownBy(() -> TestKeys.config().merchantPrivateKeyPath(missing).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("merchantPrivateKeyPath cannot be read from " + missing);
  }

  @Test
  void privateKeyFileIsRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("apiclient_key.pem");
    Files.writeString(file, TestKeys.privatePem(TestKeys.MERCHANT.getPrivate()));

    WechatPayConfig config =
        TestKeys.config().merchantPrivateKey(null).merchantPrivateKeyPath(file).build();

    assertThat(config.merchantPrivateKey()).isEqualTo(TestKeys.MERCHANT.getPrivate());
  }

  @Test
  void garbledPrivateKeyIsRefusedWithoutQuotingIt() {
    String garbled =
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";

    assertThatThrownBy(() -> TestKeys.config().merchantPrivateKey(garbled).build())
        .hasMessageContaining("merchantPrivateKey is not an RSA private key in PKCS#8 PEM form")
        .message()
        .doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
  }

  @Test
  void certificateGivenAsPrivateKeyIsRefusedWithAHint() {
    String certificate = "-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----";

    assertThatThrownBy(() -> TestKeys.config().merchantPrivateKey(certificate).build())
        .hasMessageContaining("apiclient_key.pem, not apiclient_cert.pem");
  }

  @Test
  void pkcs1PrivateKeyIsRefusedWithTheConversionCommand() {
    String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----";

    assertThatThrownBy(() -> TestKeys.config().merchantPrivateKey(pkcs1).build())
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void plainHttpNotifyUrlIsRefused() {
    assertThatThrownBy(() -> TestKeys.config().notifyUrl("http://shop.example.com/notify").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("notifyUrl must be an absolute https URL");
  }

  @Test
  void notifyUrlWithQueryParametersIsRefused() {
    assertThatThrownBy(
            () -> TestKeys.config().notifyUrl("https://shop.example.com/notify?shop=1").build())
        .hasMessageContaining("notifyUrl must not carry query parameters");
  }

  @Test
  void publicKeyIdWithoutPublicKeyIsRefused() {
    WechatPayConfig.Builder builder =
        WechatPayConfig.builder()
            .merchantId(TestKeys.MERCHANT_ID)
            .appId(TestKeys.APP_ID)
            .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
            .merchantPrivateKey(TestKeys.privatePem(TestKeys.MERCHANT.getPrivate()))
            .apiV3Key(TestKeys.API_V3_KEY)
            .notifyUrl("https://shop.example.com/notify")
            .wechatPayPublicKeyId(TestKeys.PUBLIC_KEY_ID);

    assertThatThrownBy(builder::build)
        .hasMessageContaining("wechatPayPublicKey is required in PUBLIC_KEY mode");
  }

  @Test
  void aKeyFileThatIsNotThereIsRefusedSayingThereIsNoFile(@TempDir Path dir) {
    Path missing = dir.resolve("pub_key.pem");

    assertThatThrownBy(() -> TestKeys.config().wechatPayPublicKeyPath(missing).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .filteredOn(p -> p.setting().equals("wechatPayPublicKeyPath"))
                    .extracting(ConfigurationException.Problem::problem)
                    .anyMatch(
                        p ->
                            p.contains("cannot be read from")
                                && p.contains("no file at " + missing)));
  }

  @Test
  void aPrivateKeyGivenBothAsFileAndAsTextIsRefused(@TempDir Path dir) throws Exception {
    Path file =
        java.nio.file.Files.writeString(
            dir.resolve("apiclient_key.pem"), TestKeys.privatePem(TestKeys.MERCHANT.getPrivate()));

    assertThatThrownBy(() -> TestKeys.config().merchantPrivateKeyPath(file).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "merchantPrivateKeyPath is set and so is merchantPrivateKey: set one of them");
  }

  @Test
  void aPublicKeyGivenBothAsFileAndAsTextIsRefused(@TempDir Path dir) throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("pub_key.pem"), "unused");

    assertThatThrownBy(() -> TestKeys.config().wechatPayPublicKeyPath(file).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "wechatPayPublicKeyPath is set and so is wechatPayPublicKey: set one of them");
  }

  @Test
  void aPublicKeyIdWithoutAKeyInCertificateModeIsRefusedSayingWhatToDo() {
    WechatPayConfig.Builder builder =
        TestKeys.config()
            .verificationMode(VerificationMode.CERTIFICATE)
            .wechatPayPublicKey(null)
            .wechatPayPublicKeyPath(null);

    assertThatThrownBy(builder::build)
        .hasMessageContaining("wechatPayPublicKeyId is set but no public key is")
        .hasMessageContaining("remove it");
  }

  @Test
  void publicKeyIdWithoutItsPrefixIsRefused() {
    assertThatThrownBy(
            () ->
                TestKeys.config().wechatPayPublicKeyId("7132D72A03E93CDDF8C03BBD1F37EEDF").build())
        .hasMessageContaining("wechatPayPublicKeyId must start with PUB_KEY_ID_");
  }

  @Test
  void publicKeyInCertificateModeIsRefusedPointingAtCombined() {
    assertThatThrownBy(
            () -> TestKeys.config().verificationMode(VerificationMode.CERTIFICATE).build())
        .hasMessageContaining("use PUBLIC_KEY, or COMBINED");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    assertThatThrownBy(() -> WechatPayConfig.builder().build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationException.Problem::toString)
                    .anyMatch(p -> p.startsWith("merchantId"))
                    .anyMatch(p -> p.startsWith("appId"))
                    .anyMatch(p -> p.startsWith("merchantSerialNumber"))
                    .anyMatch(p -> p.startsWith("merchantPrivateKey"))
                    .anyMatch(p -> p.startsWith("apiV3Key"))
                    .anyMatch(p -> p.startsWith("notifyUrl"))
                    .anyMatch(p -> p.startsWith("wechatPayPublicKeyId"))
                    .anyMatch(p -> p.startsWith("wechatPayPublicKey ")));
  }

  @Test
  void everyProblemNamesItsSettingApartFromItsText() {
    assertThatThrownBy(() -> WechatPayConfig.builder().build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(PayFlowErrorCode.INVALID_CONFIGURATION);
              assertThat(e.problems())
                  .extracting(ConfigurationException.Problem::setting)
                  .contains(
                      "merchantId",
                      "appId",
                      "merchantSerialNumber",
                      "merchantPrivateKey",
                      "apiV3Key",
                      "notifyUrl",
                      "wechatPayPublicKeyId",
                      "wechatPayPublicKey");
              assertThat(e.problems())
                  .filteredOn(p -> p.setting().equals("merchantId"))
                  .extracting(ConfigurationException.Problem::problem)
                  .containsExactly("is required");
            });
  }

  @Test
  void nonPositiveDurationsAreRefused() {
    assertThatThrownBy(() -> TestKeys.config().readTimeout(Duration.ZERO).build())
        .hasMessageContaining("readTimeout must be positive");
  }

  @Test
  void settingsSetToNullAreRefusedByNameAtBuildNotWithANullPointerException() {
    WechatPayConfig.Builder builder =
        TestKeys.config()
            .verificationMode(null)
            .baseUrl(null)
            .connectTimeout(null)
            .readTimeout(null)
            .maxCallbackSkew(null)
            .clock(null);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationException.Problem::toString)
                    .anyMatch(p -> p.startsWith("verificationMode is required"))
                    .anyMatch(p -> p.startsWith("baseUrl is required"))
                    .anyMatch(p -> p.startsWith("connectTimeout is required"))
                    .anyMatch(p -> p.startsWith("readTimeout is required"))
                    .anyMatch(p -> p.startsWith("maxCallbackSkew is required"))
                    .anyMatch(p -> p.startsWith("clock is required")));
  }

  @Test
  void toStringShowsSettingsButNoSecrets() {
    WechatPayConfig config = TestKeys.config().build();
    String privateKeyBase64 =
        java.util.Base64.getEncoder().encodeToString(TestKeys.MERCHANT.getPrivate().getEncoded());

    assertThat(config.toString())
        .contains(TestKeys.MERCHANT_ID, TestKeys.PUBLIC_KEY_ID, "apiV3Key=***")
        .doesNotContain(TestKeys.API_V3_KEY)
        .doesNotContain(privateKeyBase64.substring(40, 80));
  }

  @Test
  void invalidConfigMessageNeverContainsTheSecrets() {
    String pem = TestKeys.privatePem(TestKeys.MERCHANT.getPrivate());

    assertThatThrownBy(
            () ->
                TestKeys.config().notifyUrl("ftp://x").merchantPrivateKey(pem + "garbage").build())
        .message()
        .doesNotContain(TestKeys.API_V3_KEY)
        .doesNotContain(pem.substring(40, 100));
  }

  @Test
  void appPaymentsUseTheMobileAppIdWhenSet() {
    WechatPayConfig config = TestKeys.config().appAppId("wx_mobile_app").build();

    assertThat(config.appIdFor(TradeType.APP)).isEqualTo("wx_mobile_app");
    assertThat(config.appIdFor(TradeType.JSAPI)).isEqualTo(TestKeys.APP_ID);
  }

  @Test
  void trailingSlashOfTheBaseUrlIsDropped() {
    assertThat(TestKeys.config().baseUrl("http://localhost:8080/").build().baseUrl())
        .isEqualTo("http://localhost:8080");
  }
}
