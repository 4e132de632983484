package io.payflow.core.spi;

/** Why a notification is sent. */
public enum NotificationType {
  PAYMENT_SUCCEEDED,
  PAYMENT_FAILED,
  ORDER_CLOSED,
  REFUNDED
}
