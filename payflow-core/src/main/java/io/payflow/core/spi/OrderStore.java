package io.payflow.core.spi;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.model.Refund;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The host's persistence of orders, their payments and refunds, the effects outbox and the flow
 * trace. Every method is atomic; {@link #update} is a compare-and-set on the order's version, so
 * several application instances can share one database without any in-JVM lock.
 *
 * <p>The rules every implementation keeps, beyond each method's own:
 *
 * <ul>
 *   <li><b>Times</b> are kept to the microsecond at least (the contract kit uses whole
 *       milliseconds). A time is "due" when it is at or before the given instant ({@code <=}); a
 *       lease "has ended" at {@code t} when {@code leaseUntil <= t}.
 *   <li><b>Effects are fenced.</b> Each claim of an effect ({@link #claimDueEffects}, {@link
 *       #claimEffects}) returns a {@link ClaimedEffect} with a token the store chose: unique across
 *       all claims of that effect and strictly increasing per effect. {@link #completeEffect},
 *       {@link #retryEffectLater} and {@link #parkEffect} change the effect only if it is still
 *       {@code RUNNING} under that very token and its lease has not ended at the write's {@code
 *       at}; otherwise they change nothing and return false. A runner whose lease ran out, or whose
 *       effect another runner has claimed since, can never overwrite the newer outcome.
 *   <li><b>Time-driven work is claimed</b> ({@link #claimDueWork}), like effects: with a lease, so
 *       that several instances never take the same item at once, and fairly: items never claimed
 *       come first, and an item that keeps being claimed without leaving its due status goes to the
 *       back, so it cannot starve the rest. The claim state (lease, deferral, attempts) is store
 *       bookkeeping kept per (kind, key), not a field of the records; an {@link #update} of the
 *       record does not reset it. A store may forget it once the item has left its due status.
 *   <li><b>Index-backed.</b> Every claim and finder costs its batch, not the table: a sweep that
 *       finds 10 due items costs about the same in a store of 100,000 orders as in one of 1,000.
 *   <li><b>Views are not claims.</b> {@link #findPaymentsAwaitingResult}, {@link
 *       #findRefundsAwaitingResult}, {@link #findEffectsByStatus}, {@link #findOrders} and {@link
 *       #statistics} only read; they neither lease nor count attempts.
 * </ul>
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
   * StoreUpdate#expectedVersion()}. The claim state of the order's due work is kept.
   *
   * @throws ConcurrentUpdateException if the stored version differs; nothing is written then
   */
  void update(StoreUpdate update);

  /**
   * Claims up to {@code limit} items of this kind that are due by {@code cutoff} (see {@link
   * DueWorkKind} for each kind's due condition) and free at {@code now}: never claimed, or their
   * last claim's lease ended at or before {@code now}, or deferred ({@link #deferDueWork}) to a
   * time at or before {@code now}. Each claimed item's lease runs until {@code leaseUntil}: no
   * caller claims it again before then, on any instance.
   *
   * <p>Order: items never claimed first, by their due field ({@code expiresAt}, {@code createdAt},
   * {@code updatedAt}) ascending; then claimed ones by when they became free (lease end or
   * deferral), ascending. So a stuck item goes to the back and cannot starve the rest.
   *
   * <p>A JDBC store does it with {@code SELECT ... FOR UPDATE SKIP LOCKED} inside a transaction,
   * then updates the claim columns and commits. Index-backed: the cost is the batch, not the table.
   *
   * @return the claimed items, in the order above, each with its attempts counted
   */
  List<DueWork> claimDueWork(
      DueWorkKind kind, Instant cutoff, Instant now, Instant leaseUntil, int limit);

  /**
   * Makes a claimed item free again only at {@code dueAt} (a backoff after "still pending"),
   * whatever its lease said. A no-op if the item is gone or no longer due.
   */
  void deferDueWork(DueWorkKind kind, String key, Instant dueAt);

  /**
   * Up to {@code limit} payments created before {@code createdBefore} ({@code <}, strict) whose
   * result is not known yet ({@code CREATED}, {@code PREPAID} or {@code UNKNOWN}), oldest first. A
   * view for the console, not a claim.
   */
  List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit);

  /**
   * Up to {@code limit} refunds {@code CREATED} or {@code PROCESSING} last updated before {@code
   * updatedBefore} ({@code <}, strict), least recently updated first. A view, not a claim.
   */
  List<Refund> findRefundsAwaitingResult(Instant updatedBefore, int limit);

  /**
   * Claims up to {@code limit} effects that are due: {@code PENDING} with {@code nextAttemptAt <=
   * now}, or {@code RUNNING} whose lease ended at or before {@code now} (a runner that crashed or
   * is too slow). Each claimed effect is {@code RUNNING} with its lease until {@code leaseUntil}
   * and a new fencing token; no other caller can claim it meanwhile. Oldest due first: by {@code
   * nextAttemptAt}, a {@code RUNNING} one counting from its lease end.
   */
  List<ClaimedEffect> claimDueEffects(Instant now, Instant leaseUntil, int limit);

  /**
   * Claims these effects by id, as {@link #claimDueEffects} would, if they are {@code PENDING}
   * (whatever their {@code nextAttemptAt}); returns those it claimed, in the order asked. Used to
   * run a transition's effects at once after it commits.
   */
  List<ClaimedEffect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil);

  /**
   * Marks an effect {@code DONE} after {@code attempts} attempts, {@code updatedAt = at}: only if
   * it is {@code RUNNING} under this very claim ({@code token}) and its lease has not ended at
   * {@code at} ({@code leaseUntil > at}).
   *
   * @return whether it changed; false means another runner owns the effect now (or it is gone)
   */
  boolean completeEffect(String effectId, long token, int attempts, Instant at);

  /**
   * Puts a failed effect back to {@code PENDING}, due again at {@code nextAttemptAt}, with this
   * error and {@code updatedAt = at} (not {@code nextAttemptAt}): only under the same conditions as
   * {@link #completeEffect}.
   *
   * @return whether it changed
   */
  boolean retryEffectLater(
      String effectId, long token, int attempts, Instant nextAttemptAt, String error, Instant at);

  /**
   * Parks an effect as {@code DEAD} after its last attempt, with this error and {@code updatedAt =
   * at}: only under the same conditions as {@link #completeEffect}.
   *
   * @return whether it changed
   */
  boolean parkEffect(String effectId, long token, int attempts, String error, Instant at);

  /** Puts a {@code DEAD} effect back to {@code PENDING}, due at {@code at}; false if not dead. */
  boolean reviveEffect(String effectId, Instant at);

  /** The effects of an order, in the order they were recorded. */
  List<Effect> findEffects(String orderNo);

  /**
   * Up to {@code limit} effects in this status, least recently updated first ({@code updatedAt}
   * ascending, then id), e.g. the dead ones for the console. A view, not a claim.
   */
  List<Effect> findEffectsByStatus(EffectStatus status, int limit);

  /**
   * A page of orders, newest first ({@code createdAt} descending, then order number descending).
   *
   * @param offset how many to skip, {@code >= 0}
   * @param limit at most how many to return, {@code >= 1}
   */
  List<Order> findOrders(int offset, int limit);

  /**
   * Counts by status of orders, payments, refunds and effects; every enum constant is present, 0
   * when none. A view, not a claim.
   */
  StoreStatistics statistics();

  /** Appends trace entries that no transition carried (a channel call, an effect that ran). */
  void appendTrace(String orderNo, List<TraceEntry> entries);

  /** The order's flow trace, in the order it was appended. */
  List<TraceEntry> loadTrace(String orderNo);
}
