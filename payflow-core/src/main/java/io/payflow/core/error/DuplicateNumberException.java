package io.payflow.core.error;

/**
 * A number is already used: a store was asked to insert an order whose number it already holds, or
 * the number generator keeps producing numbers in use. Nothing was changed.
 */
public class DuplicateNumberException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  /** {@code what} number {@code number} is already used, e.g. an order number. */
  public DuplicateNumberException(String what, String number) {
    super(PayFlowErrorCode.DUPLICATE_NUMBER, what + " number " + number + " is already used");
  }

  /** A duplicate described in the caller's words. */
  public DuplicateNumberException(String message) {
    super(PayFlowErrorCode.DUPLICATE_NUMBER, message);
  }
}
