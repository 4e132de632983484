package io.payflow.core.trace;

/**
 * The participants of the reference order-payment sequence diagram, with its labels as the default
 * vocabulary. The payment channel's label is the reference's (微信支付) only by default: a rendered
 * order is drawn with its channel's {@code PaymentChannel#displayName()}.
 */
public enum Participant {
  USER("U", "用户"),
  FRONTEND("FE", "前端"),
  API_GATEWAY("API", "API网关"),
  ORDER_SERVICE("OS", "订单服务"),
  PAYMENT_SERVICE("PS", "支付服务"),
  PAYMENT_CHANNEL("WP", "微信支付"),
  NOTIFICATION_SERVICE("NS", "通知服务");

  private final String alias;
  private final String label;

  Participant(String alias, String label) {
    this.alias = alias;
    this.label = label;
  }

  /** The short Mermaid alias, e.g. {@code OS}. */
  public String alias() {
    return alias;
  }

  /** The label shown in the diagram, e.g. {@code 订单服务}. */
  public String label() {
    return label;
  }
}
