package io.payflow.core.channel;

import io.payflow.core.PayFlowException;
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
    super("CHANNEL_" + kind.name(), message, cause);
    this.kind = kind;
    this.channelCode = channelCode;
  }

  public ChannelException(ChannelErrorKind kind, @Nullable String channelCode, String message) {
    this(kind, channelCode, message, null);
  }

  public ChannelErrorKind kind() {
    return kind;
  }

  public @Nullable String channelCode() {
    return channelCode;
  }
}
