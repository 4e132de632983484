package io.payflow.examples.push;

import io.payflow.core.spi.Notification;

/** The words the buyer reads for each notification, in Chinese and English. */
final class Messages {

  private Messages() {}

  static String of(Notification n) {
    String orderNo = n.order().orderNo();
    return switch (n.type()) {
      case PAYMENT_SUCCEEDED ->
          "订单 " + orderNo + " 支付成功，即将发货 / order " + orderNo + " is paid and will ship soon";
      case PAYMENT_FAILED ->
          "订单 "
              + orderNo
              + " 支付失败，库存已释放 / payment of order "
              + orderNo
              + " failed; the items are back on sale";
      case ORDER_CLOSED -> "订单 " + orderNo + " 已关闭 / order " + orderNo + " was closed";
      case REFUNDED -> "订单 " + orderNo + " 已退款 / order " + orderNo + " was refunded";
    };
  }
}
