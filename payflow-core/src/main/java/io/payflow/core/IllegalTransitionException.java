package io.payflow.core;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;

/**
 * A move that the transition table does not allow, e.g. paying a closed order. Nothing was changed.
 */
public class IllegalTransitionException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final String entity;
  private final String number;
  private final String from;
  private final String to;

  public IllegalTransitionException(String entity, String number, Enum<?> from, Enum<?> to) {
    super(
        PayFlowErrorCode.ILLEGAL_TRANSITION,
        entity + " " + number + " cannot move from " + from.name() + " to " + to.name());
    this.entity = entity;
    this.number = number;
    this.from = from.name();
    this.to = to.name();
  }

  public String entity() {
    return entity;
  }

  public String number() {
    return number;
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }
}
