package io.payflow.core.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order (订单) as the host persists it.
 *
 * @param orderNo the order number, unique, at most 32 characters of {@code [0-9A-Za-z_-]}
 * @param userId the buyer, as the host identifies them
 * @param lines what was bought, never empty
 * @param totalAmount the sum of the line amounts in fen
 * @param description the text shown to the payer by the channel (WeChat's {@code description})
 * @param status where the order is in its lifecycle
 * @param version incremented by every write; the store compares it to refuse a lost update
 * @param createdAt when it was created
 * @param expiresAt when an unpaid order is closed and its stock released
 * @param paidAt when a payment succeeded, or null
 * @param closedAt when it was closed (expired, cancelled, payment failed), or null
 * @param refundedAmount fen refunded so far
 * @param failureReason why it failed or was closed, in words a shop developer understands, or null
 */
public record Order(
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
    long refundedAmount,
    @Nullable String failureReason) {

  public Order {
    lines = List.copyOf(lines);
  }

  /** A copy in {@code newStatus}, one version on. */
  public Order withStatus(OrderStatus newStatus) {
    return new Order(
        orderNo,
        userId,
        lines,
        totalAmount,
        description,
        newStatus,
        version + 1,
        createdAt,
        expiresAt,
        paidAt,
        closedAt,
        refundedAmount,
        failureReason);
  }
}
