package io.payflow.core;

/** The order cannot take a payment now (already paid, closed, failed, or expired). */
public class OrderNotPayableException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  public OrderNotPayableException(String orderNo, String why) {
    super("ORDER_NOT_PAYABLE", "order " + orderNo + " cannot be paid: " + why);
  }
}
