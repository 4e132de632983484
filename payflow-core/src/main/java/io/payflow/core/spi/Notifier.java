package io.payflow.core.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * Delivers notifications to one audience (SMS to the buyer, a push to the front end, ...). Several
 * notifiers run in parallel, each retried on its own: one that fails never holds back the others.
 * Implementations are threadsafe.
 */
public interface Notifier {

  /** A stable name, part of each notification's idempotency key, e.g. {@code sms}. */
  String name();

  /**
   * Who this notifier reaches, so that the flow trace draws it as the reference diagram does
   * ({@code NS->>U} for the buyer, {@code NS->>FE} for the front end); the buyer by default.
   */
  default Audience audience() {
    return Audience.USER;
  }

  /** The notification types this notifier wants; all by default. */
  default Set<NotificationType> types() {
    return EnumSet.allOf(NotificationType.class);
  }

  /** Delivers one notification; throwing makes payflow retry it later with backoff. */
  void send(Notification notification) throws Exception;

  /** Who a notifier reaches: the participant it is drawn to in the flow trace. */
  enum Audience {
    /** The buyer (用户): SMS, e-mail, a WeChat template message. */
    USER,
    /** The shop's front end (前端): a push or WebSocket message to the page the buyer has open. */
    FRONTEND
  }
}
