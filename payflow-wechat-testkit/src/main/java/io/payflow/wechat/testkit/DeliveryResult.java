package io.payflow.wechat.testkit;

/**
 * What the merchant's callback endpoint answered to one delivered notification.
 *
 * @param request the notification delivered
 * @param status the HTTP status the receiver answered
 * @param responseBody the body the receiver answered, possibly empty
 */
public record DeliveryResult(NotificationRequest request, int status, String responseBody) {

  /**
   * Tells whether WeChat would count this as acknowledged (any 2xx) and stop retrying.
   *
   * @return {@code true} for a 2xx answer
   */
  public boolean acknowledged() {
    return status >= 200 && status < 300;
  }
}
