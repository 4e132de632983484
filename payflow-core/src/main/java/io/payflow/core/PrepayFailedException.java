package io.payflow.core;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import org.jspecify.annotations.Nullable;

/**
 * 微信下单失败: the channel refused the prepay, or did not answer. The order stays payable; a retry gets
 * a new payment number. {@link #retryable()} says whether trying again can help.
 */
public class PrepayFailedException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final String orderNo;
  private final String paymentNo;
  private final ChannelErrorKind kind;
  private final @Nullable String channelCode;

  public PrepayFailedException(String orderNo, String paymentNo, ChannelException cause) {
    super(
        PayFlowErrorCode.PREPAY_FAILED,
        "payment "
            + paymentNo
            + " of order "
            + orderNo
            + " could not be started: "
            + cause.getMessage(),
        cause);
    this.orderNo = orderNo;
    this.paymentNo = paymentNo;
    this.kind = cause.kind();
    this.channelCode = cause.channelCode();
  }

  public String orderNo() {
    return orderNo;
  }

  public String paymentNo() {
    return paymentNo;
  }

  public ChannelErrorKind kind() {
    return kind;
  }

  /** The channel's error code, e.g. {@code PARAM_ERROR}, or null. */
  public @Nullable String channelCode() {
    return channelCode;
  }

  /** Whether trying again (with a new payment) can help. */
  public boolean retryable() {
    return kind != ChannelErrorKind.REJECTED;
  }
}
