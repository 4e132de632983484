package io.payflow.wechat.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.payflow.wechat.testkit.RefundStatus;
import io.payflow.wechat.testkit.SimulatedRefund;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One refund's mutable state; guarded by the simulator's lock. */
final class RefundState {
  final String outRefundNo;
  final String refundId;
  final OrderState order;
  final JsonNode request;
  final long refund;
  final @Nullable String notifyUrl;
  final Instant createTime;
  RefundStatus status = RefundStatus.PROCESSING;
  @Nullable Instant successTime;

  RefundState(
      String outRefundNo,
      String refundId,
      OrderState order,
      JsonNode request,
      long refund,
      @Nullable String notifyUrl,
      Instant createTime) {
    this.outRefundNo = outRefundNo;
    this.refundId = refundId;
    this.order = order;
    this.request = request;
    this.refund = refund;
    this.notifyUrl = notifyUrl;
    this.createTime = createTime;
  }

  SimulatedRefund snapshot() {
    return new SimulatedRefund(
        outRefundNo,
        refundId,
        order.outTradeNo,
        String.valueOf(order.transactionId),
        refund,
        order.total,
        status,
        notifyUrl,
        createTime,
        successTime);
  }
}
