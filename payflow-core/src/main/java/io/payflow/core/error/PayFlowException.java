package io.payflow.core.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The base of every exception payflow throws on purpose. {@link #errorCode()} is one of the stable
 * {@link PayFlowErrorCode codes} that a REST layer can map, and {@link #code()} its name; the
 * message says what is wrong in words a shop developer understands and never holds a secret.
 */
public class PayFlowException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final PayFlowErrorCode code;

  public PayFlowException(PayFlowErrorCode code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public PayFlowException(PayFlowErrorCode code, String message) {
    this(code, message, null);
  }

  /** What kind of failure this is. */
  public PayFlowErrorCode errorCode() {
    return code;
  }

  /** The stable name of {@link #errorCode()}, e.g. {@code INSUFFICIENT_STOCK}. */
  public String code() {
    return code.name();
  }
}
