package io.payflow.spring.autoconfigure;

import io.payflow.core.PayFlow;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The WeChat Pay callback endpoint on Spring MVC, in a servlet web application. Conditions name
 * classes by string so that an application without Spring MVC never loads the controller.
 */
@AutoConfiguration(after = PayFlowAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(
    name = {
      "org.springframework.web.servlet.DispatcherServlet",
      "jakarta.servlet.http.HttpServletRequest"
    })
@ConditionalOnBean(PayFlow.class)
@ConditionalOnProperty(
    prefix = "payflow.wechat",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class PayFlowWebMvcAutoConfiguration {

  /** The channel id the WeChat Pay channel registers under. */
  static final String WECHAT_CHANNEL = "wechat";

  @Bean
  @ConditionalOnMissingBean
  PayFlowCallbackController payflowWechatCallbackController(PayFlow payFlow) {
    return new PayFlowCallbackController(payFlow, WECHAT_CHANNEL);
  }
}
