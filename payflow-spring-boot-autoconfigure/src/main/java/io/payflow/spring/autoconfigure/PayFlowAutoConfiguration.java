package io.payflow.spring.autoconfigure;

import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowBuilder;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.PriceCatalog;
import io.payflow.core.spi.TimeBasedNumberGenerator;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link PayFlow} and the SPIs it needs. Every bean backs off when the host declares its own of
 * the same type; the SPIs the host usually replaces ({@link OrderStore}, {@link InventoryService},
 * {@link PriceCatalog}, {@link FulfillmentService}) default to the embedded in-memory ones, and one
 * startup warning lists those in use.
 */
@AutoConfiguration
@EnableConfigurationProperties(PayFlowProperties.class)
public class PayFlowAutoConfiguration {

  /** Reads payflow.wechat.verification, naming the accepted values when it cannot. */
  @Bean
  @ConfigurationPropertiesBinding
  @ConditionalOnMissingBean
  static VerificationConverter payflowVerificationConverter() {
    return new VerificationConverter();
  }

  @Bean
  @ConditionalOnMissingBean
  Clock payflowClock() {
    return Clock.systemUTC();
  }

  // The concrete return types let a demo or a test stock the in-memory defaults; the explicit
  // types in @ConditionalOnMissingBean make them back off for any host bean of the SPI type.

  @Bean
  @ConditionalOnMissingBean(OrderStore.class)
  InMemoryOrderStore payflowOrderStore() {
    return new InMemoryOrderStore();
  }

  @Bean
  @ConditionalOnMissingBean(InventoryService.class)
  InMemoryInventoryService payflowInventoryService() {
    return new InMemoryInventoryService();
  }

  @Bean
  @ConditionalOnMissingBean(PriceCatalog.class)
  InMemoryPriceCatalog payflowPriceCatalog() {
    return new InMemoryPriceCatalog();
  }

  @Bean
  @ConditionalOnMissingBean(FulfillmentService.class)
  FulfillmentService payflowFulfillmentService() {
    return new LoggingFulfillmentService();
  }

  @Bean
  @ConditionalOnMissingBean
  OrderNumberGenerator payflowOrderNumberGenerator(Clock clock) {
    return new TimeBasedNumberGenerator(clock);
  }

  @Bean
  @ConditionalOnMissingBean
  static InMemoryDefaultsWarning payflowInMemoryDefaultsWarning(
      ObjectProvider<OrderStore> store,
      ObjectProvider<InventoryService> inventory,
      ObjectProvider<PriceCatalog> catalog,
      ObjectProvider<FulfillmentService> fulfillment) {
    return new InMemoryDefaultsWarning(store, inventory, catalog, fulfillment);
  }

  @Bean
  @ConditionalOnMissingBean
  PayFlow payFlow(
      PayFlowProperties properties,
      OrderStore orderStore,
      InventoryService inventory,
      PriceCatalog priceCatalog,
      FulfillmentService fulfillment,
      OrderNumberGenerator numberGenerator,
      Clock clock,
      ObjectProvider<Notifier> notifiers,
      ObjectProvider<PaymentChannel> channels,
      ObjectProvider<PayFlowListener> listeners) {
    List<PaymentChannel> channelList = channels.orderedStream().toList();
    if (channelList.isEmpty()) {
      throw new PayFlowConfigurationException(
          "payflow.wechat.mch-id",
          "payflow has no payment channel: set payflow.wechat.mch-id and the other"
              + " payflow.wechat.* properties, or declare a PaymentChannel bean");
    }
    PayFlowBuilder builder =
        PayFlow.builder()
            .config(properties.toConfig())
            .orderStore(orderStore)
            .inventory(inventory)
            .priceCatalog(priceCatalog)
            .fulfillment(fulfillment)
            .numberGenerator(numberGenerator)
            .clock(clock)
            .notifiers(notifiers.orderedStream().toList());
    channelList.forEach(builder::channel);
    listeners.orderedStream().forEach(builder::listener);
    return builder.build();
  }

  /** The scheduler of expiry, reconciliation and effect sweeps. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "payflow.scheduling",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class SchedulingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayFlowScheduler payflowScheduler(PayFlow payFlow, PayFlowProperties properties) {
      return new PayFlowScheduler(
          payFlow,
          properties.getExpiry().getInterval(),
          properties.getReconcile().getInterval(),
          properties.getEffects().getSweepInterval());
    }
  }
}
