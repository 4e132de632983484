package io.payflow.jdbc.internal;

import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundKind;
import io.payflow.core.model.RefundStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds and takes apart the core's records where their shape is still changing, so that the rest
 * of the store reads and writes columns only.
 *
 * <p>This class is threadsafe.
 */
final class Models {

  private Models() {}

  static Order order(
      String orderNo,
      String userId,
      List<OrderLine> lines,
      long totalAmount,
      String description,
      OrderStatus status,
      long version,
      Instant createdAt,
      Instant expiresAt,
      @Nullable Instant paidAt,
      @Nullable Instant closedAt,
      @Nullable Instant fulfillmentStartedAt,
      long refundedAmount,
      @Nullable String failureReason) {
    return new Order(
        orderNo,
        userId,
        lines,
        totalAmount,
        description,
        status,
        version,
        createdAt,
        expiresAt,
        paidAt,
        closedAt,
        refundedAmount,
        failureReason,
        fulfillmentStartedAt);
  }

  static @Nullable Instant fulfillmentStartedAt(Order order) {
    return order.fulfillmentStartedAt();
  }

  static Refund refund(
      String refundNo,
      String orderNo,
      String paymentNo,
      long amount,
      String reason,
      RefundStatus status,
      @Nullable String channelRefundId,
      @Nullable String failureReason,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant completedAt,
      @Nullable String kind) {
    return new Refund(
        refundNo,
        orderNo,
        paymentNo,
        amount,
        reason,
        status,
        channelRefundId,
        failureReason,
        createdAt,
        updatedAt,
        completedAt,
        Rows.enumOf(RefundKind.class, kind, orderNo, "kind of refund " + refundNo));
  }

  static String kind(Refund refund) {
    return refund.kind().name();
  }
}
