package io.payflow.examples.push;

import io.payflow.core.spi.Notification;
import io.payflow.core.spi.Notifier;
import java.util.Map;

/**
 * The notifier that pushes a notification to the buyer's open checkout page (推送支付成功消息). A page that
 * is not open misses nothing it needs: it reads the order when it opens.
 *
 * <p>This class is threadsafe.
 */
public final class FrontendPushNotifier implements Notifier {

  /** The notifier's name, part of each notification's idempotency key. */
  public static final String NAME = "frontend-push";

  private final OrderEventHub hub;

  public FrontendPushNotifier(OrderEventHub hub) {
    this.hub = hub;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Drawn as the reference diagram's NS->>FE: 推送支付成功消息. */
  @Override
  public Audience audience() {
    return Audience.FRONTEND;
  }

  @Override
  public void send(Notification notification) {
    hub.publish(
        notification.order().orderNo(),
        "notification",
        Map.of(
            "notifier", NAME,
            "type", notification.type().name(),
            "orderNo", notification.order().orderNo(),
            "status", notification.order().status().name(),
            "message", Messages.of(notification)));
  }
}
