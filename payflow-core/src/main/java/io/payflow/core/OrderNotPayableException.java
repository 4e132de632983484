package io.payflow.core;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;

/** The order cannot take a payment now (already paid, closed, failed, or expired). */
public class OrderNotPayableException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  public OrderNotPayableException(String orderNo, String why) {
    super(PayFlowErrorCode.ORDER_NOT_PAYABLE, "order " + orderNo + " cannot be paid: " + why);
  }
}
