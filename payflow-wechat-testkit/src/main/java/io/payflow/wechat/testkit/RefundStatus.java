package io.payflow.wechat.testkit;

/** WeChat Pay's refund {@code status}. */
public enum RefundStatus {
  /** 退款处理中: every refund starts here. */
  PROCESSING,
  /** 退款成功. */
  SUCCESS,
  /** 退款关闭. */
  CLOSED,
  /** 退款异常: e.g. the payer's card was cancelled. */
  ABNORMAL
}
