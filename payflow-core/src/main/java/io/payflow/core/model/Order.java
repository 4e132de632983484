package io.payflow.core.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order (订单) as the host persists it.
 *
 * <p>The record is a plain value. Its named changes ({@link #paid}, {@link #closed}, ...) return a
 * copy with the fields that go with one step of the lifecycle; they keep the version (the writer
 * sets the next version when it stores the change) and do not check the transition table ({@link
 * OrderTransitions}): that is the writer's job.
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
 * @param fulfillmentStartedAt when fulfilment (发货) was started for it, or null if it was not
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
    @Nullable String failureReason,
    @Nullable Instant fulfillmentStartedAt) {

  public Order {
    lines = List.copyOf(lines);
  }

  /** A copy in {@code newStatus}, one version on. */
  public Order withStatus(OrderStatus newStatus) {
    return with(newStatus, version + 1, paidAt, closedAt, refundedAmount, failureReason);
  }

  /** A copy at this version, everything else kept: how a writer stamps the version it stores. */
  public Order withVersion(long newVersion) {
    return with(status, newVersion, paidAt, closedAt, refundedAmount, failureReason);
  }

  /** A copy in {@code newStatus}, everything else kept (the version too). */
  public Order movedTo(OrderStatus newStatus) {
    return with(newStatus, version, paidAt, closedAt, refundedAmount, failureReason);
  }

  /** {@code PAID} at {@code at}: a payment succeeded. */
  public Order paid(Instant at) {
    return with(OrderStatus.PAID, version, at, null, refundedAmount, null);
  }

  /** {@code PAYMENT_FAILED} at {@code at}, for this reason. */
  public Order paymentFailed(String reason, Instant at) {
    return with(OrderStatus.PAYMENT_FAILED, version, null, at, refundedAmount, reason);
  }

  /** {@code CLOSED} at {@code at} (expired or cancelled), for this reason. */
  public Order closed(String reason, Instant at) {
    return with(OrderStatus.CLOSED, version, null, at, refundedAmount, reason);
  }

  /** The same status with {@code amount} fen more refunded. */
  public Order refundedMore(long amount) {
    return with(status, version, paidAt, closedAt, refundedAmount + amount, failureReason);
  }

  /** Fulfilment was started at {@code at}; the status is kept. */
  public Order fulfillmentStarted(Instant at) {
    return with(status, version, paidAt, closedAt, refundedAmount, failureReason, at);
  }

  private Order with(
      OrderStatus newStatus,
      long newVersion,
      @Nullable Instant newPaidAt,
      @Nullable Instant newClosedAt,
      long newRefundedAmount,
      @Nullable String newFailureReason) {
    return with(
        newStatus,
        newVersion,
        newPaidAt,
        newClosedAt,
        newRefundedAmount,
        newFailureReason,
        fulfillmentStartedAt);
  }

  private Order with(
      OrderStatus newStatus,
      long newVersion,
      @Nullable Instant newPaidAt,
      @Nullable Instant newClosedAt,
      long newRefundedAmount,
      @Nullable String newFailureReason,
      @Nullable Instant newFulfillmentStartedAt) {
    return new Order(
        orderNo,
        userId,
        lines,
        totalAmount,
        description,
        newStatus,
        newVersion,
        createdAt,
        expiresAt,
        newPaidAt,
        newClosedAt,
        newRefundedAmount,
        newFailureReason,
        newFulfillmentStartedAt);
  }
}
