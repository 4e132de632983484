package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlow;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.PriceCatalog;
import io.payflow.core.spi.TimeBasedNumberGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PayFlowAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigs.all());

  /** A host that brings its own PayFlow, so that only the SPI beans are under test. */
  private final ApplicationContextRunner withHostPayFlow =
      runner.withBean(PayFlow.class, RecordingPayFlow::new);

  static Stream<Arguments> replaceableBeans() {
    return Stream.of(
        host(Clock.class, () -> Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)),
        host(OrderStore.class, InMemoryOrderStore::new),
        host(InventoryService.class, InMemoryInventoryService::new),
        host(PriceCatalog.class, () -> sku -> OptionalLong.of(100)),
        host(FulfillmentService.class, () -> order -> {}),
        host(OrderNumberGenerator.class, () -> new TimeBasedNumberGenerator(Clock.systemUTC())),
        host(
            PayFlowScheduler.class,
            () ->
                new PayFlowScheduler(
                    new RecordingPayFlow(),
                    Duration.ofHours(1),
                    Duration.ofHours(1),
                    Duration.ofHours(1))));
  }

  private static <T> Arguments host(Class<T> type, Supplier<? extends T> bean) {
    return Arguments.of(type, bean);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replaceableBeans")
  <T> void aHostBeanReplacesOurs(Class<T> type, Supplier<T> bean) {
    T hostBean = bean.get();
    withHostPayFlow
        .withBean("hostBean", type, () -> hostBean)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(type);
              assertThat(context.getBean(type)).isSameAs(hostBean);
            });
  }

  @Test
  void aHostPayFlowReplacesOurs() {
    RecordingPayFlow host = new RecordingPayFlow();
    runner
        .withBean(PayFlow.class, () -> host)
        .run(context -> assertThat(context).getBean(PayFlow.class).isSameAs(host));
  }

  @Test
  void withoutHostBeansTheEmbeddedDefaultsAreUsed() {
    withHostPayFlow.run(
        context -> {
          assertThat(context).hasSingleBean(InMemoryOrderStore.class);
          assertThat(context).hasSingleBean(InMemoryInventoryService.class);
          assertThat(context).hasSingleBean(InMemoryPriceCatalog.class);
          assertThat(context)
              .getBean(FulfillmentService.class)
              .isInstanceOf(LoggingFulfillmentService.class);
          assertThat(context)
              .getBean(OrderNumberGenerator.class)
              .isInstanceOf(TimeBasedNumberGenerator.class);
          assertThat(context).getBean(Clock.class).isEqualTo(Clock.systemUTC());
        });
  }

  @Test
  void theInMemoryDefaultsLogOneWarningNamingEach(CapturedOutput output) {
    withHostPayFlow.run(
        context -> {
          assertThat(context).hasNotFailed();
          String log = output.getAll();
          assertThat(log.split(InMemoryDefaultsWarning.MESSAGE_START, -1)).hasSize(2);
          assertThat(log)
              .contains("OrderStore in memory")
              .contains("InventoryService in memory")
              .contains("PriceCatalog in memory")
              .contains("FulfillmentService that only logs");
        });
  }

  @Test
  void theWarningBeanBacksOffForAHostsOwn(CapturedOutput output) {
    org.springframework.beans.factory.support.StaticListableBeanFactory nothing =
        new org.springframework.beans.factory.support.StaticListableBeanFactory();
    InMemoryDefaultsWarning hosts =
        new InMemoryDefaultsWarning(
            nothing.getBeanProvider(OrderStore.class),
            nothing.getBeanProvider(InventoryService.class),
            nothing.getBeanProvider(PriceCatalog.class),
            nothing.getBeanProvider(FulfillmentService.class));
    withHostPayFlow
        .withBean("hostsWarning", InMemoryDefaultsWarning.class, () -> hosts)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).getBean(InMemoryDefaultsWarning.class).isSameAs(hosts);
              assertThat(output.getAll()).doesNotContain(InMemoryDefaultsWarning.MESSAGE_START);
            });
  }

  @Test
  void noWarningWhenTheHostBringsItsOwnSpis(CapturedOutput output) {
    withHostPayFlow
        .withBean(
            OrderStore.class, () -> Proxies.forwarding(OrderStore.class, new InMemoryOrderStore()))
        .withBean(
            InventoryService.class,
            () -> Proxies.forwarding(InventoryService.class, new InMemoryInventoryService()))
        .withBean(PriceCatalog.class, () -> sku -> OptionalLong.of(100))
        .withBean(FulfillmentService.class, () -> order -> {})
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(output.getAll()).doesNotContain(InMemoryDefaultsWarning.MESSAGE_START);
            });
  }

  @Test
  void withoutAnyChannelStartupFailsNamingTheWechatProperty() {
    runner.run(
        context ->
            Failures.configurationFailure(context)
                .hasMessageContaining("payflow.wechat.mch-id")
                .hasMessageContaining("PaymentChannel bean"));
  }

  @Test
  void anOutOfRangeValueFailsStartupNamingTheProperty() {
    runner
        .withBean(PaymentChannel.class, () -> new StubChannel("stub"))
        .withPropertyValues("payflow.effects.max-attempts=0")
        .run(
            context ->
                Failures.configurationFailure(context)
                    .hasMessageStartingWith("payflow.effects.max-attempts: must be at least 1"));
  }
}
