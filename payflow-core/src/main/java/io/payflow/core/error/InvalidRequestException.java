package io.payflow.core.error;

/** A request to payflow was invalid; nothing was changed. {@link #field()} names the culprit. */
public class InvalidRequestException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidRequestException(String field, String message) {
    super(PayFlowErrorCode.INVALID_REQUEST, field + ": " + message);
    this.field = field;
  }

  /** The offending field, e.g. {@code lines[1].quantity}. */
  public String field() {
    return field;
  }
}
