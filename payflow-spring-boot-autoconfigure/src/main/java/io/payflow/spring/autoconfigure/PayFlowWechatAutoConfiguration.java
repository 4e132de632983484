package io.payflow.spring.autoconfigure;

import io.payflow.wechat.WechatPayChannel;
import io.payflow.wechat.WechatPayConfig;
import java.time.Clock;
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
 * set (and {@code payflow.wechat.enabled} is not false). The properties only feed the channel's
 * builder, which checks them all, so that a misconfigured application never starts and the failure
 * names each property to fix.
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
      return WechatPayConfigs.fromProperties(
          properties.getWechat(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    WechatPayChannel payflowWechatPayChannel(WechatPayConfig config) {
      return WechatPayChannel.create(config);
    }
  }
}
