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

  /** The notification types this notifier wants; all by default. */
  default Set<NotificationType> types() {
    return EnumSet.allOf(NotificationType.class);
  }

  /** Delivers one notification; throwing makes payflow retry it later with backoff. */
  void send(Notification notification) throws Exception;
}
