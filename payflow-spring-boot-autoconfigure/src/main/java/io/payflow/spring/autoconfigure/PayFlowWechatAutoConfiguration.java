package io.payflow.spring.autoconfigure;

import io.payflow.core.error.ConfigurationException;
import io.payflow.wechat.VerificationMode;
import io.payflow.wechat.WechatPayChannel;
import io.payflow.wechat.WechatPayConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The WeChat Pay channel, made from {@code payflow.wechat.*} when {@code payflow.wechat.mch-id} is
 * set (and {@code payflow.wechat.enabled} is not false). The properties are checked first, so that
 * a misconfigured application never starts and the failure names the property to fix.
 *
 * <p>The channel is a singleton on purpose: in certificate mode the SDK allows one certificate
 * provider per merchant and JVM (wechatpay-java #92, #130).
 */
@AutoConfiguration(before = PayFlowAutoConfiguration.class)
@ConditionalOnClass(name = "io.payflow.wechat.WechatPayChannel")
@ConditionalOnProperty(
    prefix = "payflow.wechat",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(PayFlowProperties.class)
public class PayFlowWechatAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "payflow.wechat", name = "mch-id")
  static class WechatChannelConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WechatPayConfig payflowWechatPayConfig(
        PayFlowProperties properties, ObjectProvider<Clock> clock) {
      PayFlowProperties.Wechat w = properties.getWechat();
      WechatPropertiesCheck.check(w);
      WechatPayConfig.Builder builder =
          WechatPayConfig.builder()
              .merchantId(w.getMchId())
              .appId(w.getAppId())
              .merchantSerialNumber(w.getMerchantSerialNumber())
              .apiV3Key(w.getApiV3Key())
              .verificationMode(mode(w.getVerification()))
              .notifyUrl(w.getNotifyUrl())
              .baseUrl(w.getBaseUrl())
              .connectTimeout(w.getConnectTimeout())
              .readTimeout(w.getReadTimeout())
              .maxCallbackSkew(w.getMaxClockSkew())
              .clock(clock.getIfAvailable(Clock::systemUTC));
      if (w.getPrivateKeyPath() != null) {
        builder.merchantPrivateKeyPath(w.getPrivateKeyPath());
      } else if (w.getPrivateKey() != null) {
        builder.merchantPrivateKey(w.getPrivateKey());
      }
      if (w.getPublicKeyId() != null) {
        builder.wechatPayPublicKeyId(w.getPublicKeyId());
      }
      if (w.getPublicKeyPath() != null) {
        builder.wechatPayPublicKeyPath(w.getPublicKeyPath());
      } else if (w.getPublicKey() != null) {
        builder.wechatPayPublicKey(w.getPublicKey());
      }
      try {
        return builder.build();
      } catch (ConfigurationException e) {
        // What our own check cannot see (a file that is not a PEM key, a base-url that is not a
        // URL) is refused by the channel's builder in its own words; name our properties instead.
        throw translate(
            e.problems().stream().map(ConfigurationException.Problem::toString).toList());
      }
    }

    @Bean
    @ConditionalOnMissingBean
    WechatPayChannel payflowWechatPayChannel(WechatPayConfig config) {
      return WechatPayChannel.create(config);
    }
  }

  private static VerificationMode mode(PayFlowProperties.Verification verification) {
    return switch (verification) {
      case PUBLIC_KEY -> VerificationMode.PUBLIC_KEY;
      case CERTIFICATE -> VerificationMode.CERTIFICATE;
      case COMBINED -> VerificationMode.COMBINED;
    };
  }

  /** The channel builder's setting names, longest first so that a prefix never wins. */
  private static final Map<String, String> PROPERTY_OF_SETTING = new LinkedHashMap<>();

  static {
    PROPERTY_OF_SETTING.put("merchantSerialNumber", "merchant-serial-number");
    PROPERTY_OF_SETTING.put("merchantPrivateKeyPath", "private-key-path");
    PROPERTY_OF_SETTING.put("merchantPrivateKey", "private-key");
    PROPERTY_OF_SETTING.put("wechatPayPublicKeyId", "public-key-id");
    PROPERTY_OF_SETTING.put("wechatPayPublicKeyPath", "public-key-path");
    PROPERTY_OF_SETTING.put("wechatPayPublicKey", "public-key");
    PROPERTY_OF_SETTING.put("verificationMode", "verification");
    PROPERTY_OF_SETTING.put("maxCallbackSkew", "max-clock-skew");
    PROPERTY_OF_SETTING.put("connectTimeout", "connect-timeout");
    PROPERTY_OF_SETTING.put("readTimeout", "read-timeout");
    PROPERTY_OF_SETTING.put("merchantId", "mch-id");
    PROPERTY_OF_SETTING.put("apiV3Key", "api-v3-key");
    PROPERTY_OF_SETTING.put("notifyUrl", "notify-url");
    PROPERTY_OF_SETTING.put("baseUrl", "base-url");
    PROPERTY_OF_SETTING.put("appId", "app-id");
  }

  static PayFlowConfigurationException translate(List<String> problems) {
    Map<String, String> named = new LinkedHashMap<>();
    for (String problem : problems) {
      String property = WechatPropertiesCheck.PREFIX + "mch-id";
      String text = problem;
      for (Map.Entry<String, String> e : PROPERTY_OF_SETTING.entrySet()) {
        if (problem.startsWith(e.getKey())) {
          property = WechatPropertiesCheck.PREFIX + e.getValue();
          text = problem.substring(e.getKey().length()).strip();
          break;
        }
      }
      named.merge(property, text, (a, b) -> a + "; " + b);
    }
    return PayFlowConfigurationException.of(named);
  }
}
