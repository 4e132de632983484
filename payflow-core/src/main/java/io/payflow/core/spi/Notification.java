package io.payflow.core.spi;

import io.payflow.core.model.Order;

/**
 * One notification for one notifier.
 *
 * @param idempotencyKey the same for every attempt of this notification; a notifier that talks to a
 *     service with idempotency keys passes it on so that a retry is never delivered twice
 * @param type why it is sent
 * @param order the order as it was when the notification was owed
 */
public record Notification(String idempotencyKey, NotificationType type, Order order) {}
