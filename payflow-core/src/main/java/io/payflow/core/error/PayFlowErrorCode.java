package io.payflow.core.error;

/**
 * Every code a {@link PayFlowException} carries, in one place. The names are stable: a REST layer
 * maps them to HTTP statuses (the demo maps {@code INVALID_REQUEST} to 400, {@code NOT_FOUND} to
 * 404, stock, price and state conflicts to 409, {@code PREPAY_FAILED} to 502), and they never
 * change meaning between releases.
 *
 * <p>This enum is threadsafe.
 */
public enum PayFlowErrorCode {
  /**
   * A request to payflow was invalid ({@link InvalidRequestException#field()} names the field);
   * nothing was changed. Fix the request; retrying it unchanged fails again.
   */
  INVALID_REQUEST,
  /**
   * A setting of payflow or of a channel is missing or out of range ({@link
   * ConfigurationException#problems()} lists each); nothing was built. Fix the configuration.
   */
  INVALID_CONFIGURATION,
  /** No order, payment or refund has the given number. Check the number the caller holds. */
  NOT_FOUND,
  /**
   * 库存不足: a sku has too little stock; the order was not created and no stock is held. Offer a
   * smaller quantity or another sku.
   */
  INSUFFICIENT_STOCK,
  /**
   * 价格已变更: a line's price is not the catalog's current one; the order was not created. Show the
   * buyer the new price and let them order again.
   */
  STALE_PRICE,
  /**
   * The order cannot take a payment now (paid, closed, failed, expired, or closed while the payment
   * was starting). Show the order's status; a new order is needed to pay again.
   */
  ORDER_NOT_PAYABLE,
  /**
   * The move is not in the transition table (e.g. refunding an unpaid order, cancelling a paid
   * one); nothing was changed. Reload the order and act on its current status.
   */
  ILLEGAL_TRANSITION,
  /**
   * An {@code OrderStore} write found another version than expected: someone else changed the order
   * first. payflow retries by itself; a caller sees it only under extreme contention and may retry.
   */
  CONCURRENT_UPDATE,
  /**
   * A number is already used: the store holds an order with this number, or the number generator
   * keeps producing numbers in use. Nothing was changed; check the {@code OrderNumberGenerator}.
   */
  DUPLICATE_NUMBER,
  /**
   * 微信下单失败: the channel refused the prepay or did not answer; the order stays payable. Retry if
   * {@code PrepayFailedException#retryable()}; the retry gets a new payment number.
   */
  PREPAY_FAILED,
  /**
   * 金额不符: the channel reported another amount than the payment asked for; nothing was applied. A
   * person must check the payment at the channel.
   */
  AMOUNT_MISMATCH,
  /**
   * A channel callback was refused (forged, stale, probe, malformed, other merchant) and changed
   * nothing. Answered to the channel with a failure so that a genuine callback is retried.
   */
  CALLBACK_REJECTED,
  /**
   * A refund was asked of an order that has no succeeded payment to take it from (its only success
   * was refunded as a late payment). Nothing was changed; look at the order by hand.
   */
  NO_PAYMENT,
  /**
   * An effect names a notifier that is not configured (it was removed after the effect was
   * recorded). The effect is retried and parked as dead; configure the notifier and retry it.
   */
  UNKNOWN_NOTIFIER,
  /**
   * A payment names a channel that is not configured. Its effects are retried and parked as dead;
   * configure the channel (same id) and retry them.
   */
  UNKNOWN_CHANNEL,
  /**
   * A stored effect cannot be understood (no target, an unknown notification type): the store holds
   * data payflow did not write. The effect is parked as dead; check the store.
   */
  BAD_EFFECT,
  /**
   * The {@code OrderStore} could not read or write (the database is down). Nothing was changed by
   * that call; retry later. For store implementations to throw.
   */
  STORE_FAILURE,
  /**
   * A stored row is in a state payflow never writes (an unknown status, a payment of a missing
   * order, a dangling effect, a version that went backwards): it was edited by hand. The message
   * names the order; fix the row, payflow does not guess.
   */
  CORRUPT_DATA,
  /**
   * The channel refused a call for good (bad parameters, no permission, bad signature). Do not
   * retry unchanged.
   */
  CHANNEL_REJECTED,
  /** The channel is busy or failed on its side (SYSTEM_ERROR, FREQUENCY_LIMITED). Retry later. */
  CHANNEL_RETRY_LATER,
  /**
   * A channel call timed out or broke mid-way: it may or may not have happened. payflow settles it
   * with a query; do not assume either way.
   */
  CHANNEL_UNKNOWN_OUTCOME,
  /** The channel says the payment was already paid (ORDERPAID); payflow runs the success path. */
  CHANNEL_ALREADY_PAID,
  /** The channel says the payment was already closed (ORDER_CLOSED); nothing is left to close. */
  CHANNEL_ALREADY_CLOSED,
  /**
   * The channel says the payment number was used with other content (OUT_TRADE_NO_USED). A new
   * payment gets a new number.
   */
  CHANNEL_DUPLICATE_NUMBER,
  /** The channel does not know the payment or refund (ORDER_NOT_EXIST, RESOURCE_NOT_EXISTS). */
  CHANNEL_NOT_FOUND
}
