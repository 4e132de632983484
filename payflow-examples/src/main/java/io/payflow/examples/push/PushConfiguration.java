package io.payflow.examples.push;

import io.payflow.core.PayFlow;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two notifiers of the reference diagram's 通知服务 (an SMS to the buyer, a push to the page) and
 * the live status stream the checkout page listens to.
 */
@Configuration(proxyBeanMethods = false)
public class PushConfiguration {

  @Bean
  OrderEventHub orderEventHub() {
    return new OrderEventHub(Clock.systemUTC());
  }

  /** Closes the pages' streams first when the shop stops, before the web server drains requests. */
  @Bean
  SmartLifecycle eventStreamCloser(OrderEventHub hub) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        running = true;
      }

      @Override
      public void stop() {
        running = false;
        hub.completeAll();
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  @Bean
  FrontendPushNotifier frontendPushNotifier(OrderEventHub hub) {
    return new FrontendPushNotifier(hub);
  }

  @Bean
  SmsNotifier smsNotifier() {
    return new SmsNotifier();
  }

  /**
   * Streams what happens to the order to its page: every status change of the order (PAID, then
   * FULFILLING once fulfilment started), of its payments and of its refunds (the refund's
   * progress), and effects that failed. The notifiers only speak when there is something to tell
   * the buyer. Registered after start-up rather than as a listener bean, since the hub feeds a
   * notifier that PayFlow itself is built from.
   */
  @Bean
  SmartInitializingSingleton orderStatusStream(ObjectProvider<PayFlow> payFlow, OrderEventHub hub) {
    return () ->
        payFlow.ifAvailable(
            flow ->
                flow.addListener(
                    event ->
                        StreamedEvents.of(event)
                            .ifPresent(
                                streamed ->
                                    hub.publish(
                                        event.orderNo(), streamed.name(), streamed.data()))));
  }
}
