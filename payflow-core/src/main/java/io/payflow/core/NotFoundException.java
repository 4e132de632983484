package io.payflow.core;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;

/** No order, payment or refund has the given number. */
public class NotFoundException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String what, String number) {
    super(PayFlowErrorCode.NOT_FOUND, "no " + what + " with number " + number);
  }
}
