package io.payflow.spring.autoconfigure;

import io.payflow.core.PayFlow;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code payflow} Actuator endpoint ({@link PayFlowEndpoint}), when Actuator is on the class
 * path and the endpoint is available: enabled (it is by default) and exposed by the host, over HTTP
 * with {@code management.endpoints.web.exposure.include=payflow} or over JMX. The endpoint API has
 * the same packages on Spring Boot 3.5 and 4, so one configuration serves both.
 */
@AutoConfiguration(after = PayFlowAutoConfiguration.class)
@ConditionalOnClass(
    name = {
      "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
      "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"
    })
@ConditionalOnBean({OrderStore.class, PayFlow.class})
public class PayFlowEndpointAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint(endpoint = PayFlowEndpoint.class)
  PayFlowEndpoint payflowEndpoint(OrderStore store, PayFlow payFlow, Clock clock) {
    return new PayFlowEndpoint(store, payFlow, clock);
  }
}
