package io.payflow.wechat.testkit;

import java.time.Instant;

/**
 * Builds one WeChat Pay notification (支付/退款结果通知) for the current state of an order or a refund,
 * signed and encrypted as WeChat does, optionally spoiled. Building does not send: keep the request
 * and {@link WechatPaySimulator#deliver deliver} it later, twice, in another order, or never, as
 * the test needs. Obtained from {@link WechatPaySimulator#transactionNotification} or {@link
 * WechatPaySimulator#refundNotification}.
 */
public interface NotificationBuilder {

  /**
   * Sends it to {@code url} instead of the notify URL of the prepay (or the simulator's override).
   *
   * @param url e.g. {@code http://127.0.0.1:8080/pay/callback}
   * @return this builder
   */
  NotificationBuilder to(String url);

  /**
   * Signs it with this {@code Wechatpay-Timestamp} instead of now, e.g. to make a stale but
   * otherwise valid notification (a replay).
   *
   * @param timestamp the timestamp to sign
   * @return this builder
   */
  NotificationBuilder timestamp(Instant timestamp);

  /**
   * Spoils it.
   *
   * @param tamper how
   * @return this builder
   */
  NotificationBuilder tamper(Tamper tamper);

  /**
   * Builds the request without sending it.
   *
   * @return the request, headers and raw body
   */
  NotificationRequest build();
}
