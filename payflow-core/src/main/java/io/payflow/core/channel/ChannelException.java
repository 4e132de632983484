package io.payflow.core.channel;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import org.jspecify.annotations.Nullable;

/**
 * A channel call failed. {@link #kind()} tells what may follow; {@link #channelCode()} is the
 * channel's own error code (e.g. {@code PARAM_ERROR}) when it gave one. The message never holds a
 * secret.
 */
public class ChannelException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final ChannelErrorKind kind;
  private final @Nullable String channelCode;

  public ChannelException(
      ChannelErrorKind kind,
      @Nullable String channelCode,
      String message,
      @Nullable Throwable cause) {
    super(codeOf(kind), message, cause);
    this.kind = kind;
    this.channelCode = channelCode;
  }

  public ChannelException(ChannelErrorKind kind, @Nullable String channelCode, String message) {
    this(kind, channelCode, message, null);
  }

  /** The error code of a channel failure of this kind, e.g. {@code CHANNEL_REJECTED}. */
  public static PayFlowErrorCode codeOf(ChannelErrorKind kind) {
    return switch (kind) {
      case REJECTED -> PayFlowErrorCode.CHANNEL_REJECTED;
      case RETRY_LATER -> PayFlowErrorCode.CHANNEL_RETRY_LATER;
      case UNKNOWN_OUTCOME -> PayFlowErrorCode.CHANNEL_UNKNOWN_OUTCOME;
      case ALREADY_PAID -> PayFlowErrorCode.CHANNEL_ALREADY_PAID;
      case ALREADY_CLOSED -> PayFlowErrorCode.CHANNEL_ALREADY_CLOSED;
      case DUPLICATE_NUMBER -> PayFlowErrorCode.CHANNEL_DUPLICATE_NUMBER;
      case NOT_FOUND -> PayFlowErrorCode.CHANNEL_NOT_FOUND;
    };
  }

  public ChannelErrorKind kind() {
    return kind;
  }

  public @Nullable String channelCode() {
    return channelCode;
  }
}
