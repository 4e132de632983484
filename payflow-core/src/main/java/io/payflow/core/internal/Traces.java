package io.payflow.core.internal;

import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.trace.Participant;

/**
 * The block paths and messages of the flow trace, in the reference diagram's words, so that the
 * trace of an order reads like {@code order-payment-flow.md} with only the branches it took.
 *
 * <p>Conventions (see {@link io.payflow.core.trace.MermaidRenderer}): everything after creation
 * lies in {@code alt:订单创建成功}; the prepay answer in {@code alt:微信下单成功} or {@code else:微信下单失败}; the
 * payment result in {@code alt:支付成功} or {@code else:支付失败} below the prepay's success; the effects
 * of a success in {@code par:并行处理}, one {@code and:<lane>} section per effect. Closing, late
 * payments and refunds have blocks of their own below {@code alt:订单创建成功}.
 *
 * <p>This class is threadsafe (it has no state).
 */
final class Traces {

  static final String CREATED = "alt:订单创建成功";
  static final String PREPAY_OK = CREATED + "/alt:微信下单成功";
  static final String PREPAY_FAILED = CREATED + "/else:微信下单失败";
  static final String PAY_OK = PREPAY_OK + "/alt:支付成功";
  static final String PAY_FAILED = PREPAY_OK + "/else:支付失败";
  static final String PARALLEL = PAY_OK + "/par:并行处理";
  static final String CLOSING = CREATED + "/alt:订单关闭";
  static final String LATE = CREATED + "/alt:迟到的支付";
  static final String REFUND = CREATED + "/alt:退款";

  static final Participant U = Participant.USER;
  static final Participant FE = Participant.FRONTEND;
  static final Participant API = Participant.API_GATEWAY;
  static final Participant OS = Participant.ORDER_SERVICE;
  static final Participant PS = Participant.PAYMENT_SERVICE;
  static final Participant WP = Participant.PAYMENT_CHANNEL;
  static final Participant NS = Participant.NOTIFICATION_SERVICE;

  private Traces() {}

  /** The section of the {@code par} block an effect of a success runs in. */
  static String lane(String name) {
    return PARALLEL + "/and:" + name.replace('/', '_');
  }

  /** Where a notification of this type is drawn. */
  static String notificationBlock(NotificationType type, String notifier) {
    return switch (type) {
      case PAYMENT_SUCCEEDED -> lane("notify-" + notifier);
      case PAYMENT_FAILED -> PAY_FAILED;
      case ORDER_CLOSED -> CLOSING;
      case REFUNDED -> REFUND;
    };
  }

  static Participant audience(Notifier notifier) {
    return notifier.audience() == Notifier.Audience.FRONTEND ? FE : U;
  }

  /** The reference diagram's words for a notification reaching its audience. */
  static String notificationMessage(NotificationType type, Notifier.Audience audience) {
    boolean user = audience == Notifier.Audience.USER;
    return switch (type) {
      case PAYMENT_SUCCEEDED -> user ? "发送支付成功短信" : "推送支付成功消息";
      case PAYMENT_FAILED -> user ? "发送支付失败通知" : "推送支付失败消息";
      case ORDER_CLOSED -> user ? "发送订单关闭通知" : "推送订单关闭消息";
      case REFUNDED -> user ? "发送退款成功通知" : "推送退款成功消息";
    };
  }
}
