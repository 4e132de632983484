package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.wechat.WechatPayConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code payflow.wechat.*} fed to the channel's builder, the one validator: its problems come back
 * named by property, in property words, all at once.
 */
class WechatPayConfigsTests {

  static final String API_V3_KEY = "0123456789abcdefghijABCDEFGHIJ01";

  @TempDir Path dir;
  TestKeys keys;
  PayFlowProperties.Wechat w;

  @BeforeEach
  void validSettings() {
    keys = TestKeys.generate(dir);
    w = new PayFlowProperties.Wechat();
    w.setMchId("1900000001");
    w.setAppId("wx0000000000000001");
    w.setMerchantSerialNumber("5157F09EFDC096DE15EBE81A47057A72");
    w.setPrivateKeyPath(keys.privateKeyPath());
    w.setApiV3Key(API_V3_KEY);
    w.setPublicKeyId("PUB_KEY_ID_0000000000000001");
    w.setPublicKeyPath(keys.publicKeyPath());
    w.setNotifyUrl("https://shop.example.com/payflow/wechat/notify");
  }

  @Test
  void validSettingsPass() {
    assertThatCode(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .doesNotThrowAnyException();
  }

  @Test
  void inlinePemKeysPass() {
    w.setPrivateKeyPath(null);
    w.setPrivateKey(keys.privateKeyPem());
    w.setPublicKeyPath(null);
    w.setPublicKey(keys.publicKeyPem());
    assertThatCode(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingApiV3KeyIsNamed() {
    w.setApiV3Key(null);
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .isInstanceOf(PayFlowConfigurationException.class)
        .hasMessageStartingWith("payflow.wechat.api-v3-key: is required");
  }

  @Test
  void anApiV3KeyOfTheWrongLengthIsNamedWithoutShowingIt() {
    String secret = API_V3_KEY.substring(0, 31);
    w.setApiV3Key(secret);
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessage("payflow.wechat.api-v3-key: must be exactly 32 bytes, but has 31 bytes")
        .hasMessageNotContaining(secret);
  }

  @Test
  void anUnreadablePrivateKeyFileIsNamed() {
    w.setPrivateKeyPath(dir.resolve("missing_key.pem"));
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessageStartingWith("payflow.wechat.private-key-path: cannot be read from ")
        .hasMessageContaining("no file at ")
        .hasMessageContaining("missing_key.pem");
  }

  @Test
  void aDirectoryIsNotAPublicKeyFile() {
    w.setPublicKeyPath(dir);
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessageStartingWith("payflow.wechat.public-key-path: cannot be read from ")
        .hasMessageContaining("no file at " + dir.toAbsolutePath());
  }

  @Test
  void aMissingPrivateKeyIsNamedWithBothWaysToGiveIt() {
    w.setPrivateKeyPath(null);
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessageStartingWith("payflow.wechat.private-key: is required")
        .hasMessageContaining("payflow.wechat.private-key-path");
  }

  @Test
  void aPrivateKeyGivenAsFileAndAsTextIsNamed() {
    w.setPrivateKey(keys.privateKeyPem());
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessage(
            "payflow.wechat.private-key-path: is set and so is payflow.wechat.private-key: set"
                + " one of them, not both");
  }

  @Test
  void blankPathsCountAsUnset() {
    w.setPrivateKeyPath(Path.of("  "));
    w.setPrivateKey(keys.privateKeyPem());
    w.setPublicKeyPath(Path.of(" "));
    w.setPublicKey(keys.publicKeyPem());

    assertThat(WechatPayConfigs.fromProperties(w, Clock.systemUTC()).wechatPayPublicKey())
        .isNotNull();
  }

  @Test
  void aBlankPathWithNoTextIsAMissingKey() {
    w.setPrivateKeyPath(Path.of("  "));
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessageStartingWith("payflow.wechat.private-key: is required");
  }

  @Test
  void appAppIdIsTheAppidOfAppPayments() {
    w.setAppAppId("wx00000000000000a9");

    WechatPayConfig config = WechatPayConfigs.fromProperties(w, Clock.systemUTC());

    assertThat(config.appAppId()).isEqualTo("wx00000000000000a9");
    assertThat(config.appIdFor(io.payflow.core.model.TradeType.APP))
        .isEqualTo("wx00000000000000a9");
    assertThat(config.appIdFor(io.payflow.core.model.TradeType.JSAPI))
        .isEqualTo("wx0000000000000001");
  }

  @Test
  void unsetDurationsAndModeAreTheChannelsDefaults() {
    WechatPayConfig config = WechatPayConfigs.fromProperties(w, Clock.systemUTC());

    assertThat(config.connectTimeout()).isEqualTo(WechatPayConfig.DEFAULT_CONNECT_TIMEOUT);
    assertThat(config.readTimeout()).isEqualTo(WechatPayConfig.DEFAULT_READ_TIMEOUT);
    assertThat(config.maxCallbackSkew()).isEqualTo(WechatPayConfig.DEFAULT_MAX_CALLBACK_SKEW);
    assertThat(config.maxCallbackSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.verificationMode()).isEqualTo(WechatPayConfig.DEFAULT_VERIFICATION_MODE);
    assertThat(config.baseUrl()).isEqualTo(WechatPayConfig.DEFAULT_BASE_URL);
  }

  @Test
  void aNonHttpsNotifyUrlIsNamed() {
    w.setNotifyUrl("http://shop.example.com/payflow/wechat/notify");
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessage(
            "payflow.wechat.notify-url: must be an absolute https URL, but is"
                + " 'http://shop.example.com/payflow/wechat/notify'");
  }

  @Test
  void aPublicKeyIdWithoutAPublicKeyIsNamed() {
    w.setPublicKeyPath(null);
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessageStartingWith("payflow.wechat.public-key: is required in public-key mode")
        .hasMessageContaining("payflow.wechat.public-key-path");
  }

  @Test
  void aPublicKeyIdWithoutAPublicKeyIsNamedInCertificateModeToo() {
    w.setVerification(PayFlowProperties.Verification.CERTIFICATE);
    w.setPublicKeyPath(null);
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessageStartingWith("payflow.wechat.public-key-id: is set but no public key is");
  }

  @Test
  void publicKeyModeNeedsTheKeyId() {
    w.setPublicKeyId(null);
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .hasMessageStartingWith("payflow.wechat.public-key-id: is required in public-key mode");
  }

  @Test
  void everyProblemIsReportedAtOnceWithTheFirstAsTheProperty() {
    w.setAppId(" ");
    w.setApiV3Key("short");
    w.setNotifyUrl("ftp://x");
    assertThatThrownBy(() -> WechatPayConfigs.fromProperties(w, Clock.systemUTC()))
        .isInstanceOfSatisfying(
            PayFlowConfigurationException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.property())
                    .isEqualTo("payflow.wechat.app-id"))
        .hasMessageContaining("payflow.wechat.app-id: is required")
        .hasMessageContaining("payflow.wechat.api-v3-key: must be exactly 32 bytes")
        .hasMessageContaining("payflow.wechat.notify-url: must be an absolute https URL")
        .hasMessageNotContaining("short");
  }
}
