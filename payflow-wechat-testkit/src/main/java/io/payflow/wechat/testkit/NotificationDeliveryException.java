package io.payflow.wechat.testkit;

/**
 * Thrown when a notification could not be delivered at all (connection refused, no answer), unlike
 * a receiver that answered with an error status, which is a {@link DeliveryResult}.
 */
public final class NotificationDeliveryException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what failed, with the URL
   * @param cause the I/O failure
   */
  public NotificationDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
