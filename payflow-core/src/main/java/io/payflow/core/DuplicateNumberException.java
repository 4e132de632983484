package io.payflow.core;

/** A store was asked to insert an order whose number it already holds. */
public class DuplicateNumberException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  public DuplicateNumberException(String what, String number) {
    super("DUPLICATE_NUMBER", what + " number " + number + " is already used");
  }
}
