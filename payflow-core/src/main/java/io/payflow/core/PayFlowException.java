package io.payflow.core;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception payflow throws on purpose. {@link #code()} is a stable
 * machine-readable code (e.g. {@code INSUFFICIENT_STOCK}) that a REST layer can map; the message
 * says what is wrong in words a shop developer understands and never holds a secret.
 */
public class PayFlowException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public PayFlowException(String code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public PayFlowException(String code, String message) {
    this(code, message, null);
  }

  /** A stable code for this kind of failure. */
  public String code() {
    return code;
  }
}
