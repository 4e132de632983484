package io.payflow.core.spi;

import io.payflow.core.effect.Effect;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The host's persistence of orders, their payments and refunds, the effects outbox and the flow
 * trace. Every method is atomic; {@link #update} is a compare-and-set on the order's version, so
 * several application instances can share one database without any in-JVM lock.
 *
 * <p>Implementations are threadsafe. {@code OrderStoreContract} in payflow-core's test-jar is the
 * test every implementation must pass.
 */
public interface OrderStore {

  /**
   * Inserts a new order (with its payments and refunds, usually none), the effects its creation
   * owes and its first trace entries, all or nothing.
   *
   * @throws DuplicateNumberException if the order number is taken
   */
  void insert(OrderRecord record, List<Effect> effects, List<TraceEntry> trace);

  /** The order with its payments and refunds. */
  Optional<OrderRecord> load(String orderNo);

  /** The number of the order a payment belongs to. */
  Optional<String> findOrderNoByPaymentNo(String paymentNo);

  /** The number of the order a refund belongs to. */
  Optional<String> findOrderNoByRefundNo(String refundNo);

  /**
   * Writes the new state of an order, its payments and refunds, adds the effects and appends the
   * trace, all or nothing, and only if the stored version equals {@link
   * StoreUpdate#expectedVersion()}.
   *
   * @throws ConcurrentUpdateException if the stored version differs; nothing is written then
   */
  void update(StoreUpdate update);

  /** Up to {@code limit} numbers of orders still {@code PENDING_PAYMENT} whose expiry is due. */
  List<String> findExpiredOrderNos(Instant now, int limit);

  /**
   * Up to {@code limit} payments created before {@code createdBefore} whose result is not known yet
   * ({@code CREATED}, {@code PREPAID} or {@code UNKNOWN}), oldest first.
   */
  List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit);

  /**
   * Claims up to {@code limit} effects that are due: {@code PENDING} with {@code nextAttemptAt <=
   * now}, or {@code RUNNING} whose lease ended before {@code now} (a runner that crashed). Each
   * claimed effect is {@code RUNNING} with its lease until {@code leaseUntil}; no other caller can
   * claim it meanwhile. Oldest due first.
   */
  List<Effect> claimDueEffects(Instant now, Instant leaseUntil, int limit);

  /**
   * Claims these effects by id, as {@link #claimDueEffects} would, if they are {@code PENDING};
   * returns those it claimed. Used to run a transition's effects at once after it commits.
   */
  List<Effect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil);

  /** Marks an effect {@code DONE} after {@code attempts} attempts. */
  void completeEffect(String effectId, int attempts, Instant at);

  /** Puts a failed effect back to {@code PENDING}, due again at {@code nextAttemptAt}. */
  void retryEffectLater(String effectId, int attempts, Instant nextAttemptAt, String error);

  /** Parks an effect as {@code DEAD} after its last attempt. */
  void parkEffect(String effectId, int attempts, String error, Instant at);

  /** Puts a {@code DEAD} effect back to {@code PENDING}, due at {@code at}; false if not dead. */
  boolean reviveEffect(String effectId, Instant at);

  /** The effects of an order, in the order they were recorded. */
  List<Effect> findEffects(String orderNo);

  /** Appends trace entries that no transition carried (a channel call, an effect that ran). */
  void appendTrace(String orderNo, List<TraceEntry> entries);

  /** The order's flow trace, in the order it was appended. */
  List<TraceEntry> loadTrace(String orderNo);
}
