package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlowConfig;
import io.payflow.wechat.VerificationMode;
import io.payflow.wechat.WechatPayConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PayFlowPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(PayFlowProperties.class)
  static class Bind {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Bind.class);

  @Test
  void defaultsAreTheCoresDefaults() {
    runner.run(
        context -> {
          PayFlowProperties p = context.getBean(PayFlowProperties.class);
          assertThat(p.toConfig()).isEqualTo(PayFlowConfig.ofDefaults());
          assertThat(p.getScheduling().isEnabled()).isTrue();
          assertThat(p.getWechat().getNotifyPath()).isEqualTo("/payflow/wechat/notify");
          assertThat(p.getWechat().getBaseUrl()).isEqualTo("https://api.mch.weixin.qq.com");
          assertThat(p.getWechat().getBaseUrl()).isEqualTo(WechatPayConfig.DEFAULT_BASE_URL);
          // Unset: the channel's own defaults apply (5m, public-key), see WechatPayConfigsTests.
          assertThat(p.getWechat().getMaxClockSkew()).isNull();
          assertThat(p.getWechat().getVerification()).isNull();
          assertThat(WechatPayConfig.DEFAULT_MAX_CALLBACK_SKEW).isEqualTo(Duration.ofMinutes(5));
          assertThat(WechatPayConfig.DEFAULT_VERIFICATION_MODE)
              .isEqualTo(VerificationMode.PUBLIC_KEY);
        });
  }

  @Test
  void durationsNumbersAndFlagsBindFromKebabCase() {
    runner
        .withPropertyValues(
            "payflow.order.expire-after=45m",
            "payflow.effects.max-attempts=5",
            "payflow.effects.initial-backoff=250ms",
            "payflow.effects.max-backoff=2h",
            "payflow.effects.multiplier=1.5",
            "payflow.effects.lease=90s",
            "payflow.effects.sweep-interval=3s",
            "payflow.reconcile.query-after=4m",
            "payflow.reconcile.interval=20s",
            "payflow.expiry.interval=1m",
            "payflow.scheduling.enabled=false",
            "payflow.late-payments.refund=false",
            "payflow.batch-size=7")
        .run(
            context -> {
              PayFlowProperties p = context.getBean(PayFlowProperties.class);
              assertThat(p.getEffects().getSweepInterval()).isEqualTo(Duration.ofSeconds(3));
              assertThat(p.getReconcile().getInterval()).isEqualTo(Duration.ofSeconds(20));
              assertThat(p.getExpiry().getInterval()).isEqualTo(Duration.ofMinutes(1));
              assertThat(p.getScheduling().isEnabled()).isFalse();
              assertThat(p.toConfig())
                  .isEqualTo(
                      PayFlowConfig.builder()
                          .orderExpireAfter(Duration.ofMinutes(45))
                          .effectMaxAttempts(5)
                          .effectInitialBackoff(Duration.ofMillis(250))
                          .effectMaxBackoff(Duration.ofHours(2))
                          .effectBackoffMultiplier(1.5)
                          .effectLease(Duration.ofSeconds(90))
                          .reconcileQueryAfter(Duration.ofMinutes(4))
                          .refundLatePayments(false)
                          .batchSize(7)
                          .build());
            });
  }

  @Test
  void wechatSettingsBindIncludingFilePathsAndVerificationMode() {
    runner
        .withPropertyValues(
            "payflow.wechat.enabled=true",
            "payflow.wechat.mch-id=1900000001",
            "payflow.wechat.app-id=wx0000000000000001",
            "payflow.wechat.merchant-serial-number=5157F09EFDC096DE15EBE81A47057A72",
            "payflow.wechat.private-key-path=/etc/payflow/apiclient_key.pem",
            "payflow.wechat.api-v3-key=0123456789abcdef0123456789abcdef",
            "payflow.wechat.verification=combined",
            "payflow.wechat.public-key-id=PUB_KEY_ID_0000000000000001",
            "payflow.wechat.public-key-path=keys/pub_key.pem",
            "payflow.wechat.notify-url=https://shop.example.com/payflow/wechat/notify",
            "payflow.wechat.notify-path=/hooks/wxpay",
            "payflow.wechat.base-url=http://127.0.0.1:8089",
            "payflow.wechat.connect-timeout=2s",
            "payflow.wechat.read-timeout=15s",
            "payflow.wechat.max-clock-skew=90s")
        .run(
            context -> {
              PayFlowProperties.Wechat w = context.getBean(PayFlowProperties.class).getWechat();
              assertThat(w.getMchId()).isEqualTo("1900000001");
              assertThat(w.getAppId()).isEqualTo("wx0000000000000001");
              assertThat(w.getMerchantSerialNumber()).isEqualTo("5157F09EFDC096DE15EBE81A47057A72");
              assertThat(w.getPrivateKeyPath())
                  .isEqualTo(Path.of("/etc/payflow/apiclient_key.pem"));
              assertThat(w.getPublicKeyPath()).isEqualTo(Path.of("keys/pub_key.pem"));
              assertThat(w.getVerification()).isEqualTo(PayFlowProperties.Verification.COMBINED);
              assertThat(w.getPublicKeyId()).isEqualTo("PUB_KEY_ID_0000000000000001");
              assertThat(w.getNotifyUrl())
                  .isEqualTo("https://shop.example.com/payflow/wechat/notify");
              assertThat(w.getNotifyPath()).isEqualTo("/hooks/wxpay");
              assertThat(w.getBaseUrl()).isEqualTo("http://127.0.0.1:8089");
              assertThat(w.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(w.getReadTimeout()).isEqualTo(Duration.ofSeconds(15));
              assertThat(w.getMaxClockSkew()).isEqualTo(Duration.ofSeconds(90));
            });
  }

  @Test
  void toStringNeverShowsTheSecrets() {
    PayFlowProperties.Wechat w = new PayFlowProperties.Wechat();
    w.setApiV3Key("0123456789abcdef0123456789abcdef");
    w.setPrivateKey("-----BEGIN PRIVATE KEY-----\nsecretmaterial\n-----END PRIVATE KEY-----");
    assertThat(w.toString()).doesNotContain("0123456789abcdef").doesNotContain("secretmaterial");
  }
}
