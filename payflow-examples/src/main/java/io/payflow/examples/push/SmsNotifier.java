package io.payflow.examples.push;

import io.payflow.core.spi.Notification;
import io.payflow.core.spi.Notifier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier that texts the buyer (发送支付成功短信). The demo has no SMS gateway, so the text is logged;
 * a real one would pass {@link Notification#idempotencyKey()} to the gateway so that a retry is
 * never sent twice.
 *
 * <p>This class is threadsafe.
 */
public final class SmsNotifier implements Notifier {

  /** The notifier's name, part of each notification's idempotency key. */
  public static final String NAME = "sms";

  private static final Logger log = LoggerFactory.getLogger(SmsNotifier.class);

  private final AtomicBoolean gatewayDown = new AtomicBoolean();

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The demo's outage switch: while down, every text fails, payflow retries it and at last parks it
   * as dead, for the ops page to show and retry.
   */
  public void gatewayDown(boolean down) {
    gatewayDown.set(down);
  }

  public boolean gatewayDown() {
    return gatewayDown.get();
  }

  @Override
  public void send(Notification notification) {
    if (gatewayDown.get()) {
      throw new IllegalStateException("SMS gateway unavailable (the demo's outage switch is on)");
    }
    log.info(
        "[sms] to user {} (key {}): {}",
        notification.order().userId(),
        notification.idempotencyKey(),
        Messages.of(notification));
  }
}
