package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payflow.core.PayFlow;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.event.CallbackRejected;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.model.OrderStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PayFlowMetricsTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigs.all())
          .withBean(PayFlow.class, RecordingPayFlow::new);

  @Test
  void transitionsDeadEffectsAndRejectedCallbacksAreCounted() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              PayFlowMetrics metrics = context.getBean(PayFlowMetrics.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);

              metrics.onEvent(
                  new OrderStatusChanged(
                      Events.NOW,
                      Events.order(OrderStatus.PAID),
                      OrderStatus.PENDING_PAYMENT,
                      OrderStatus.PAID,
                      "callback"));
              metrics.onEvent(Events.deadNotification());
              metrics.onEvent(
                  new CallbackRejected(Events.NOW, "wechat", "", "signature does not verify"));
              metrics.onEvent(new CallbackRejected(Events.NOW, "wechat", "", "timestamp too old"));

              assertThat(
                      registry
                          .counter(
                              "payflow.order.transitions", "from", "PENDING_PAYMENT", "to", "PAID")
                          .count())
                  .isEqualTo(1.0);
              assertThat(registry.counter("payflow.effects.dead", "type", "NOTIFY").count())
                  .isEqualTo(1.0);
              assertThat(
                      registry.counter("payflow.callbacks.rejected", "channel", "wechat").count())
                  .isEqualTo(2.0);
            });
  }

  @Test
  void aHostMetricsListenerReplacesOurs() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PayFlowMetrics host = new PayFlowMetrics(registry);
    runner
        .withBean(MeterRegistry.class, () -> registry)
        .withBean(PayFlowMetrics.class, () -> host)
        .run(context -> assertThat(context).getBean(PayFlowMetrics.class).isSameAs(host));
  }

  @Test
  void withoutAMeterRegistryThereAreNoMetrics() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(PayFlowMetrics.class);
          assertThat(context).hasSingleBean(PayFlow.class);
        });
  }

  @Test
  void withoutMicrometerOnTheClasspathEverythingElseWorks() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigs.all())
        .withBean(PaymentChannel.class, () -> new StubChannel("stub"))
        .withClassLoader(new FilteredClassLoader("io.micrometer"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(PayFlowMetrics.class);
              assertThat(context)
                  .hasSingleBean(PayFlow.class)
                  .hasSingleBean(PayFlowScheduler.class);
            });
  }
}
