package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WechatPropertiesCheckTests {

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
    assertThatCode(() -> WechatPropertiesCheck.check(w)).doesNotThrowAnyException();
  }

  @Test
  void inlinePemKeysPass() {
    w.setPrivateKeyPath(null);
    w.setPrivateKey(keys.privateKeyPem());
    w.setPublicKeyPath(null);
    w.setPublicKey(keys.publicKeyPem());
    assertThatCode(() -> WechatPropertiesCheck.check(w)).doesNotThrowAnyException();
  }

  @Test
  void aMissingApiV3KeyIsNamed() {
    w.setApiV3Key(null);
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .isInstanceOf(PayFlowConfigurationException.class)
        .hasMessageStartingWith("payflow.wechat.api-v3-key: is required");
  }

  @Test
  void anApiV3KeyOfTheWrongLengthIsNamedWithoutShowingIt() {
    String secret = API_V3_KEY.substring(0, 31);
    w.setApiV3Key(secret);
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .hasMessage("payflow.wechat.api-v3-key: must be exactly 32 bytes, but has 31 bytes")
        .hasMessageNotContaining(secret);
  }

  @Test
  void anUnreadablePrivateKeyFileIsNamed() {
    w.setPrivateKeyPath(dir.resolve("missing_key.pem"));
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .hasMessageStartingWith("payflow.wechat.private-key-path: no file at ")
        .hasMessageContaining("missing_key.pem");
  }

  @Test
  void aDirectoryIsNotAPublicKeyFile() {
    w.setPublicKeyPath(dir);
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .hasMessageStartingWith("payflow.wechat.public-key-path: no file at ");
  }

  @Test
  void aMissingPrivateKeyIsNamed() {
    w.setPrivateKeyPath(null);
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .hasMessageStartingWith("payflow.wechat.private-key-path: is required")
        .hasMessageContaining("payflow.wechat.private-key");
  }

  @Test
  void aNonHttpsNotifyUrlIsNamed() {
    w.setNotifyUrl("http://shop.example.com/payflow/wechat/notify");
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .hasMessage(
            "payflow.wechat.notify-url: must be an absolute https URL, but is"
                + " 'http://shop.example.com/payflow/wechat/notify'");
  }

  @Test
  void aPublicKeyIdWithoutAPublicKeyIsNamed() {
    w.setPublicKeyPath(null);
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .hasMessageStartingWith("payflow.wechat.public-key-id: is set but no public key is");
  }

  @Test
  void aPublicKeyIdWithoutAPublicKeyIsNamedInCertificateModeToo() {
    w.setVerification(PayFlowProperties.Verification.CERTIFICATE);
    w.setPublicKeyPath(null);
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .hasMessageStartingWith("payflow.wechat.public-key-id: is set but no public key is");
  }

  @Test
  void publicKeyModeNeedsTheKeyId() {
    w.setPublicKeyId(null);
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
        .hasMessageStartingWith("payflow.wechat.public-key-id: is required when")
        .hasMessageContaining("verification is public-key");
  }

  @Test
  void everyProblemIsReportedAtOnceWithTheFirstAsTheProperty() {
    w.setAppId(" ");
    w.setApiV3Key("short");
    w.setNotifyUrl("ftp://x");
    assertThatThrownBy(() -> WechatPropertiesCheck.check(w))
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
