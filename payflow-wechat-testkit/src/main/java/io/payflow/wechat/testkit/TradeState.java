package io.payflow.wechat.testkit;

/** WeChat Pay's {@code trade_state} of an order, as the query endpoint reports it. */
public enum TradeState {
  /** 未支付: prepaid, not paid yet. */
  NOTPAY,
  /** 用户支付中: the payer is entering the password. */
  USERPAYING,
  /** 支付成功. */
  SUCCESS,
  /** 支付失败. */
  PAYERROR,
  /** 已关闭. */
  CLOSED,
  /** 转入退款: paid, and at least one refund was requested. */
  REFUND;

  /**
   * Returns WeChat's {@code trade_state_desc} for this state.
   *
   * @return the description WeChat sends
   */
  public String description() {
    return switch (this) {
      case NOTPAY -> "订单未支付";
      case USERPAYING -> "用户支付中（输入密码中）";
      case SUCCESS -> "支付成功";
      case PAYERROR -> "支付失败，请重新下单支付";
      case CLOSED -> "订单已关闭";
      case REFUND -> "转入退款";
    };
  }
}
