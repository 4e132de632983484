package io.payflow.core.channel;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;

/**
 * A callback was refused and changed nothing: forged, stale, a signature probe, malformed, or for
 * another merchant. {@link #httpStatus()} is what to answer the channel (4xx or 5xx).
 */
public class CallbackRejectedException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;

  public CallbackRejectedException(int httpStatus, String message) {
    super(PayFlowErrorCode.CALLBACK_REJECTED, message, null);
    this.httpStatus = httpStatus;
  }

  public CallbackRejectedException(int httpStatus, String message, Throwable cause) {
    super(PayFlowErrorCode.CALLBACK_REJECTED, message, cause);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
