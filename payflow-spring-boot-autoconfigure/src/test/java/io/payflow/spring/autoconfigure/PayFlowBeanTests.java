package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.event.OrderCreated;
import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.PriceCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The PayFlow that the auto-configuration builds, from the host's beans and the properties. */
class PayFlowBeanTests {

  private final List<PayFlowEvent> first = new CopyOnWriteArrayList<>();
  private final List<PayFlowEvent> second = new CopyOnWriteArrayList<>();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigs.all())
          .withPropertyValues("payflow.scheduling.enabled=false")
          .withBean("channelA", PaymentChannel.class, () -> new StubChannel("stub-a"))
          .withBean("channelB", PaymentChannel.class, () -> new StubChannel("stub-b"))
          .withBean("listener1", PayFlowListener.class, () -> first::add)
          .withBean("listener2", PayFlowListener.class, () -> second::add)
          .withBean(InventoryService.class, () -> new InMemoryInventoryService().stock("SKU-1", 5))
          .withBean(PriceCatalog.class, () -> new InMemoryPriceCatalog().price("SKU-1", 300));

  @Test
  void everyHostListenerHearsTheEvents() {
    runner.run(
        context -> {
          Order order =
              context
                  .getBean(PayFlow.class)
                  .createOrder(
                      CreateOrderRequest.of("user-1", List.of(new OrderLine("SKU-1", 2, 300))));

          assertThat(first)
              .anyMatch(e -> e instanceof OrderCreated c && c.orderNo().equals(order.orderNo()));
          assertThat(second).anyMatch(e -> e instanceof OrderCreated);
        });
  }

  @Test
  void everyHostChannelIsRegistered() {
    runner.run(
        context -> {
          PayFlow payFlow = context.getBean(PayFlow.class);
          CallbackRequest request = new CallbackRequest("{}", Map.of());

          CallbackAnswer a = payFlow.handleCallback("stub-a", request);
          CallbackAnswer b = payFlow.handleCallback("stub-b", request);

          assertThat(a.body()).startsWith("stub-a: ");
          assertThat(b.body()).startsWith("stub-b: ");
          assertThat(payFlow.handleCallback("alipay", request).status()).isEqualTo(404);
        });
  }

  @Test
  void thePropertiesAreTheConfigInForce() {
    runner
        .withPropertyValues("payflow.order.expire-after=45m", "payflow.effects.max-attempts=3")
        .run(
            context -> {
              PayFlow payFlow = context.getBean(PayFlow.class);
              assertThat(payFlow.config().orderExpireAfter()).isEqualTo(Duration.ofMinutes(45));
              assertThat(payFlow.config().effectMaxAttempts()).isEqualTo(3);
              Order order =
                  payFlow.createOrder(
                      CreateOrderRequest.of("user-1", List.of(new OrderLine("SKU-1", 1, 300))));
              assertThat(Duration.between(order.createdAt(), order.expiresAt()))
                  .isEqualTo(Duration.ofMinutes(45));
            });
  }
}
