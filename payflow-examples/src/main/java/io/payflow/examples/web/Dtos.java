package io.payflow.examples.web;

import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.RefundStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the demo's REST API. Amounts are fen ({@code long}), times ISO-8601 UTC. */
public final class Dtos {

  private Dtos() {}

  /** One product on sale. */
  public record ProductView(String sku, String name, long price, long stock) {}

  /** {@code POST /api/orders}. Nullable fields so that a missing one gets a 400 naming it. */
  public record CreateOrderBody(
      @Nullable String userId, @Nullable List<ItemBody> items, @Nullable String description) {}

  /** One line of {@link CreateOrderBody}; {@code unitPrice} is the price the buyer saw. */
  public record ItemBody(
      @Nullable String sku, @Nullable Integer quantity, @Nullable Long unitPrice) {}

  /** {@code POST /api/orders/{orderNo}/payments}. */
  public record StartPaymentBody(
      @Nullable String channel, @Nullable String openId, @Nullable String clientIp) {}

  /** {@code POST /api/orders/{orderNo}/cancel}; the body may be left out. */
  public record CancelBody(@Nullable String reason) {}

  /** {@code POST /api/orders/{orderNo}/refunds}: fen to give back, and why. */
  public record RefundBody(@Nullable Long amount, @Nullable String reason) {}

  /** The answer to {@code POST /api/orders}. */
  public record CreatedOrder(
      String orderNo,
      OrderStatus status,
      long totalAmount,
      Instant expiresAt,
      String userId,
      List<ItemBody> items) {}

  /** The answer to {@code POST /api/orders/{orderNo}/payments}: what the front end pays with. */
  public record StartedPayment(
      String paymentNo,
      String orderNo,
      String channel,
      String tradeType,
      long amount,
      PaymentStatus status,
      Map<String, String> params,
      boolean resumed) {}

  /** The answer to {@code GET /api/orders/{orderNo}}. */
  public record OrderView(
      String orderNo,
      String userId,
      OrderStatus status,
      long totalAmount,
      List<ItemBody> items,
      Instant createdAt,
      Instant expiresAt,
      @Nullable Instant paidAt,
      @Nullable String failureReason,
      List<PaymentView> payments,
      long refundedAmount,
      List<RefundView> refunds,
      StockView stock,
      List<NotificationView> notifications,
      @Nullable String fulfillment) {}

  /** One payment (支付单) of an order. */
  public record PaymentView(
      String paymentNo,
      String channel,
      String tradeType,
      long amount,
      PaymentStatus status,
      @Nullable String transactionId,
      @Nullable String failureCode,
      @Nullable String failureReason,
      Instant createdAt) {}

  /**
   * One refund (退款单) of an order: the answer to {@code POST /api/orders/{orderNo}/refunds} and a
   * line of {@link OrderView#refunds()}.
   *
   * @param status {@code CREATED} (not yet at WeChat), {@code PROCESSING}, {@code SUCCEEDED} or
   *     {@code FAILED} (WeChat answered ABNORMAL or CLOSED, or refused it)
   * @param failureReason why it failed, e.g. WeChat's {@code ABNORMAL}, or null
   */
  public record RefundView(
      String refundNo,
      String orderNo,
      String paymentNo,
      long amount,
      String reason,
      RefundStatus status,
      @Nullable String failureReason,
      Instant createdAt,
      @Nullable Instant completedAt) {}

  /** One line of {@code GET /api/orders}. */
  public record OrderSummary(
      String orderNo,
      String userId,
      OrderStatus status,
      long totalAmount,
      long refundedAmount,
      int items,
      Instant createdAt) {}

  /**
   * A page of {@code GET /api/orders}, newest first.
   *
   * @param page the page number, from 0
   * @param size the page size asked for
   * @param orders at most {@code size} orders
   * @param hasMore whether a next page has orders
   */
  public record OrderPage(int page, int size, List<OrderSummary> orders, boolean hasMore) {}

  /**
   * Where the order's stock reservation is, read from its stock effects.
   *
   * @param state {@code RESERVED} (locked for the order), {@code CONFIRMING} / {@code CONFIRMED}
   *     (扣减), {@code RELEASING} / {@code RELEASED} (释放)
   * @param effectStatus the status of the stock effect, or null while only reserved
   */
  public record StockView(String state, @Nullable String effectStatus) {}

  /**
   * One notification the order owed, from its NOTIFY effects.
   *
   * @param notifier who sends it ({@code sms}, {@code frontend-push})
   * @param type why ({@code PAYMENT_SUCCEEDED}, ...)
   * @param status {@code DONE} once sent, else {@code PENDING}, {@code RUNNING} or {@code DEAD}
   * @param attempts how many times it was tried
   */
  public record NotificationView(
      String notifier, String type, String status, int attempts, boolean sent) {}
}
