package io.payflow.core;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.model.Order;
import io.payflow.core.model.Refund;
import java.time.Duration;
import java.util.Optional;

/**
 * The order-payment lifecycle of a shop: create an order, start a payment, take the channel's
 * result, close what expires, reconcile what is silent, refund, and run every side effect exactly
 * once. Made by {@link #builder()}.
 *
 * <p>Every method validates its input and refuses bad input with an {@link InvalidRequestException}
 * that names the field, changing nothing. This class is threadsafe; several instances may share one
 * {@code OrderStore}.
 */
public interface PayFlow extends AutoCloseable {

  /** A builder for a {@link PayFlow}. */
  static PayFlowBuilder builder() {
    return new PayFlowBuilder();
  }

  /**
   * Creates an order (订单): checks every price against the catalog, stores the order {@code
   * RESERVING} (so that a record owing the release exists before any stock is touched), reserves
   * the stock all or nothing, and moves the order to {@code PENDING_PAYMENT}. A reservation that
   * fails closes the stored order again and releases whatever was held; one a crash interrupted is
   * closed by expiry. {@code expireAfter} is at most {@link PayFlowConfig#MAX_ORDER_EXPIRE_AFTER}.
   *
   * @throws InvalidRequestException if the request is invalid (names the field)
   * @throws StalePriceException if a line's price is not the current one
   * @throws InsufficientStockException if a sku has too little stock
   */
  Order createOrder(CreateOrderRequest request);

  /**
   * Starts a payment (支付单) for an order with a channel and returns what the front end needs to pay.
   * A still-valid earlier prepay of the same trade type and payer is reused rather than made again.
   * Pay parameters are only ever returned for a payment that is {@code PREPAID} when the prepay's
   * answer is stored.
   *
   * @throws NotFoundException if there is no such order
   * @throws OrderNotPayableException if the order is not {@code PENDING_PAYMENT} or has expired, or
   *     the payment was closed or paid while it was starting
   * @throws PrepayFailedException if the channel refused or did not answer, or the payment was
   *     given up while its prepay was on its way; the order stays payable and a retry gets a new
   *     payment number
   */
  PaymentStart startPayment(StartPaymentRequest request);

  /**
   * Applies a channel's verified word on a payment (from a callback or a query): marks the order
   * paid or failed and records the effects that follow. A repeated result changes nothing and
   * succeeds; a success for an order that can no longer take it is recorded and refunded.
   *
   * @return the order after the result
   * @throws NotFoundException if no payment has that number
   */
  Order handlePaymentResult(PaymentResult result);

  /**
   * Handles a channel's callback from its raw body and headers: verifies it, applies it, and
   * returns the answer the channel expects. A forged, stale or malformed callback changes nothing
   * and gets a failure answer; a result whose amount differs from the payment is not trusted and
   * the channel is queried instead.
   */
  CallbackAnswer handleCallback(String channel, CallbackRequest request);

  /**
   * Cancels an unpaid order: closes its payments at the channel, then the order, and releases its
   * stock. If the channel says it was paid meanwhile, the success path runs instead.
   *
   * @return the order after the cancellation attempt
   * @throws NotFoundException if there is no such order
   * @throws IllegalTransitionException if the order is paid or otherwise final
   */
  Order cancel(String orderNo, String reason);

  /**
   * Refunds part or all of a paid order.
   *
   * @throws NotFoundException if there is no such order
   * @throws InvalidRequestException if the amount is not positive or exceeds what is left
   * @throws IllegalTransitionException if the order is not paid
   */
  Refund refund(String orderNo, long amount, String reason);

  /** Everything known about an order, or empty. */
  Optional<OrderDetails> find(String orderNo);

  /**
   * The Mermaid {@code sequenceDiagram} of what happened to this order.
   *
   * @throws NotFoundException if there is no such order
   */
  String traceDiagram(String orderNo);

  /** Closes unpaid orders past their expiry (channel first, then locally); returns how many. */
  int closeExpiredOrders();

  /**
   * Queries the channel for payments silent for too long (主动查单); returns how many got an answer
   * applied. Payments are claimed through the store, so several instances share the work; a {@code
   * CREATED} one waits for {@link PayFlowConfig#prepayGrace()} first.
   */
  int reconcilePayments();

  /**
   * Queries the channel ({@code queryRefund}) for refunds {@code CREATED} or {@code PROCESSING} for
   * longer than {@link PayFlowConfig#reconcileQueryAfter()}, whose callback may be lost, and
   * applies the answers; returns how many got an answer applied. Claimed through the store like
   * {@link #reconcilePayments()}; a refund still processing is asked again later, with backoff.
   */
  int reconcileRefunds();

  /** Runs effects that are due (retries and ones left by a crash); returns how many ran. */
  int runDueEffects();

  /** Puts a dead effect back in the queue; false if it is not dead. */
  boolean retryEffect(String effectId);

  /**
   * Waits until every effect this instance has started (after a transition, a retry or a sweep) has
   * finished its attempt. For tests and graceful shutdown: effects run on the effect executor, so a
   * caller that wants to see their outcome waits here instead of sleeping.
   *
   * <p>The default, for an implementation that runs effects on the caller's thread, has nothing to
   * wait for.
   *
   * @return false if the timeout passed first
   * @throws InterruptedException if the waiting thread is interrupted
   */
  default boolean awaitEffects(Duration timeout) throws InterruptedException {
    return true;
  }

  /** Registers a listener for every event from now on. */
  void addListener(PayFlowListener listener);

  /** The settings in force. */
  PayFlowConfig config();

  /** Stops the effect runner, waiting briefly for running effects. */
  @Override
  void close();
}
