package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlow;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.wechat.VerificationMode;
import io.payflow.wechat.WechatPayChannel;
import io.payflow.wechat.WechatPayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PayFlowWechatAutoConfigurationTests {

  private static final String API_V3_KEY = WechatPayConfigsTests.API_V3_KEY;

  @TempDir Path dir;
  private TestKeys keys;
  private ApplicationContextRunner runner;

  @BeforeEach
  void keysAndValidProperties() {
    keys = TestKeys.generate(dir);
    runner =
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigs.all())
            .withBean(PayFlow.class, RecordingPayFlow::new)
            .withPropertyValues(
                "payflow.wechat.mch-id=1900000001",
                "payflow.wechat.app-id=wx0000000000000001",
                "payflow.wechat.merchant-serial-number=5157F09EFDC096DE15EBE81A47057A72",
                "payflow.wechat.private-key-path=" + keys.privateKeyPath(),
                "payflow.wechat.api-v3-key=" + API_V3_KEY,
                "payflow.wechat.public-key-id=PUB_KEY_ID_0000000000000001",
                "payflow.wechat.public-key-path=" + keys.publicKeyPath(),
                "payflow.wechat.notify-url=https://shop.example.com/payflow/wechat/notify",
                "payflow.wechat.base-url=http://127.0.0.1:9",
                "payflow.wechat.read-timeout=3s",
                "payflow.wechat.max-clock-skew=2m");
  }

  @Test
  void theChannelIsMadeFromTheProperties() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(WechatPayChannel.class);
          assertThat(context.getBean(PaymentChannel.class).id()).isEqualTo("wechat");
          WechatPayConfig config = context.getBean(WechatPayChannel.class).config();
          assertThat(config.merchantId()).isEqualTo("1900000001");
          assertThat(config.appId()).isEqualTo("wx0000000000000001");
          assertThat(config.verificationMode()).isEqualTo(VerificationMode.PUBLIC_KEY);
          assertThat(config.wechatPayPublicKeyId()).isEqualTo("PUB_KEY_ID_0000000000000001");
          assertThat(config.baseUrl()).isEqualTo("http://127.0.0.1:9");
          assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(3));
          assertThat(config.maxCallbackSkew()).isEqualTo(Duration.ofMinutes(2));
        });
  }

  @Test
  void inlinePemKeysWorkAsWellAsFiles() {
    runner
        .withPropertyValues(
            "payflow.wechat.private-key-path=",
            "payflow.wechat.private-key=" + keys.privateKeyPem(),
            "payflow.wechat.public-key-path=",
            "payflow.wechat.public-key=" + keys.publicKeyPem())
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WechatPayChannel.class));
  }

  @Test
  void aBadVerificationValueFailsStartupNamingTheAcceptedValues() {
    runner
        .withPropertyValues("payflow.wechat.verification=foo")
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessage(
                        "payflow.wechat.verification: must be one of public-key, certificate,"
                            + " combined, but is 'foo'"));
  }

  @Test
  void theStartupReportOfABadVerificationValueNamesTheAcceptedValues() {
    runner
        .withPropertyValues("payflow.wechat.verification=pubkey")
        .run(
            context -> {
              assertThat(context).hasFailed();
              org.springframework.boot.diagnostics.FailureAnalysis analysis =
                  new PayFlowConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .contains(
                      "payflow.wechat.verification: must be one of public-key, certificate,"
                          + " combined, but is 'pubkey'");
              assertThat(analysis.getAction())
                  .startsWith("Set or correct payflow.wechat.verification");
            });
  }

  @Test
  void verificationTakesThePropertySpellingAndTheEnumSpelling() {
    for (String value : new String[] {"public-key", "PUBLIC_KEY", "Public-Key"}) {
      runner
          .withPropertyValues("payflow.wechat.verification=" + value)
          .run(
              context ->
                  assertThat(context.getBean(WechatPayChannel.class).config().verificationMode())
                      .isEqualTo(VerificationMode.PUBLIC_KEY));
    }
    // Certificate mode would download certificates when the channel is made: the converter alone.
    VerificationConverter converter = new VerificationConverter();
    assertThat(converter.convert("certificate"))
        .isEqualTo(PayFlowProperties.Verification.CERTIFICATE);
    assertThat(converter.convert(" combined ")).isEqualTo(PayFlowProperties.Verification.COMBINED);
    assertThat(converter.convert("COMBINED")).isEqualTo(PayFlowProperties.Verification.COMBINED);
  }

  @Test
  void appAppIdIsTheAppidOfAppPayments() {
    runner
        .withPropertyValues("payflow.wechat.app-app-id=wx00000000000000a9")
        .run(
            context -> {
              WechatPayConfig config = context.getBean(WechatPayConfig.class);
              assertThat(config.appAppId()).isEqualTo("wx00000000000000a9");
              assertThat(config.appIdFor(io.payflow.core.model.TradeType.APP))
                  .isEqualTo("wx00000000000000a9");
              assertThat(config.appIdFor(io.payflow.core.model.TradeType.NATIVE))
                  .isEqualTo("wx0000000000000001");
            });
  }

  @Test
  void withoutAppAppIdAppPaymentsUseAppId() {
    runner.run(
        context ->
            assertThat(
                    context
                        .getBean(WechatPayConfig.class)
                        .appIdFor(io.payflow.core.model.TradeType.APP))
                .isEqualTo("wx0000000000000001"));
  }

  @Test
  void aBlankPathPropertyCountsAsUnset() {
    runner
        .withPropertyValues(
            "payflow.wechat.private-key-path=   ",
            "payflow.wechat.private-key=" + keys.privateKeyPem(),
            "payflow.wechat.public-key-path=  ",
            "payflow.wechat.public-key=" + keys.publicKeyPem())
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WechatPayChannel.class));
  }

  @Test
  void unsetTimeoutsAreTheChannelsDefaults() {
    runner.run(
        context -> {
          WechatPayConfig config = context.getBean(WechatPayConfig.class);
          assertThat(config.connectTimeout()).isEqualTo(WechatPayConfig.DEFAULT_CONNECT_TIMEOUT);
          assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        });
  }

  @Test
  void noChannelWithoutAMerchantId() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigs.all())
        .withBean(PayFlow.class, RecordingPayFlow::new)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WechatPayChannel.class));
  }

  @Test
  void noChannelWhenDisabledEvenWithAMerchantId() {
    runner
        .withPropertyValues("payflow.wechat.enabled=false", "payflow.wechat.api-v3-key=")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WechatPayChannel.class));
  }

  @Test
  void noChannelWithoutPayflowWechatOnTheClasspath() {
    runner
        .withClassLoader(new FilteredClassLoader("io.payflow.wechat"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean("payflowWechatPayChannel");
              assertThat(context).hasSingleBean(PayFlow.class);
            });
  }

  @Test
  void aHostConfigReplacesOursAndFeedsTheChannel() {
    WechatPayConfig host =
        WechatPayConfig.builder()
            .merchantId("1900000002")
            .appId("wx0000000000000002")
            .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A72")
            .merchantPrivateKey(keys.privateKeyPem())
            .apiV3Key(API_V3_KEY)
            .wechatPayPublicKeyId("PUB_KEY_ID_0000000000000002")
            .wechatPayPublicKey(keys.publicKeyPem())
            .notifyUrl("https://shop.example.com/pay/notify")
            .build();
    runner
        .withBean(WechatPayConfig.class, () -> host)
        .run(
            context -> assertThat(context.getBean(WechatPayChannel.class).config()).isSameAs(host));
  }

  @Test
  void aHostChannelReplacesOurs() {
    runner.run(
        first -> {
          WechatPayChannel host = first.getBean(WechatPayChannel.class);
          runner
              .withBean(WechatPayChannel.class, () -> host)
              .run(context -> assertThat(context.getBean(WechatPayChannel.class)).isSameAs(host));
        });
  }

  @Test
  void aMissingApiV3KeyFailsStartup() {
    runner
        .withPropertyValues("payflow.wechat.api-v3-key=")
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessageContaining("payflow.wechat.api-v3-key: is required"));
  }

  @Test
  void anApiV3KeyThatIsNot32BytesFailsStartupWithoutShowingIt() {
    String wrong = "k3y-0f-thirty-three-bytes-length";
    runner
        .withPropertyValues("payflow.wechat.api-v3-key=" + wrong + "!")
        .run(
            context -> {
              Failures.configurationFailure(context)
                  .hasMessageContaining(
                      "payflow.wechat.api-v3-key: must be exactly 32 bytes, but has 33 bytes");
              assertNoSecretIn(context, wrong);
            });
  }

  @Test
  void anUnreadablePrivateKeyFileFailsStartup() {
    runner
        .withPropertyValues("payflow.wechat.private-key-path=" + dir.resolve("nope.pem"))
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessageContaining("payflow.wechat.private-key-path: cannot be read from ")
                    .hasMessageContaining("no file at ")
                    .hasMessageContaining("nope.pem"));
  }

  @Test
  void anUnreadablePublicKeyFileFailsStartup() {
    runner
        .withPropertyValues("payflow.wechat.public-key-path=" + dir.resolve("nope.pem"))
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessageContaining("payflow.wechat.public-key-path: cannot be read from ")
                    .hasMessageContaining("no file at "));
  }

  @Test
  void aFileThatIsNotAKeyFailsStartupNamingOurPropertyWithoutShowingTheFile() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("not_a_key.pem"), "hunter2-not-a-key");
    runner
        .withPropertyValues("payflow.wechat.private-key-path=" + notAKey)
        .run(
            context -> {
              Failures.configurationFailure(context)
                  .hasMessageStartingWith(
                      "payflow.wechat.private-key-path: is not an RSA private key");
              assertNoSecretIn(context, "hunter2");
            });
  }

  @Test
  void aNonHttpsNotifyUrlFailsStartup() {
    runner
        .withPropertyValues("payflow.wechat.notify-url=http://shop.example.com/notify")
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessageContaining(
                        "payflow.wechat.notify-url: must be an absolute https URL, but is"
                            + " 'http://shop.example.com/notify'"));
  }

  @Test
  void aPublicKeyIdWithoutAPublicKeyFailsStartup() {
    runner
        .withPropertyValues("payflow.wechat.public-key-path=")
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessageContaining(
                        "payflow.wechat.public-key: is required in public-key mode"));
  }

  @Test
  void noFailureMessageShowsKeyMaterial() {
    runner
        .withPropertyValues(
            "payflow.wechat.private-key-path=",
            "payflow.wechat.private-key=" + keys.privateKeyPem().replace("A", "@"),
            "payflow.wechat.api-v3-key=" + API_V3_KEY + "x")
        .run(
            context -> {
              Failures.configurationFailure(context);
              assertNoSecretIn(context, API_V3_KEY);
              String body = keys.privateKeyPem().split("\n")[1];
              assertNoSecretIn(context, body.substring(0, 20).replace("A", "@"));
            });
  }

  private static void assertNoSecretIn(AssertableApplicationContext context, String secret) {
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
    }
  }
}
