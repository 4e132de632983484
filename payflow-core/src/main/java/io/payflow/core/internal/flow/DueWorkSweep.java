package io.payflow.core.internal.flow;

import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep of time-driven work (expiry, payment or refund reconciliation): claims a batch of due
 * items through the store with a lease, so that no other instance takes them meanwhile, settles
 * each one, and defers each one still pending with backoff, so that it goes to the back of the
 * queue and cannot starve newer items. An item that fails is deferred the same way; one whose
 * instance dies comes back when its lease ends.
 *
 * <p>This class is threadsafe (no state of its own).
 */
public final class DueWorkSweep {

  /** The longest wait between two checks of an item that stays pending. */
  public static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(DueWorkSweep.class);

  /** What became of one item. */
  public record Verdict(boolean done, @Nullable Instant retryAt) {

    private static final Verdict SETTLED = new Verdict(true, null);
    private static final Verdict LATER = new Verdict(false, null);

    /** Done: it left its due status (or will never be due again). */
    public static Verdict settled() {
      return SETTLED;
    }

    /** Still pending: check again after the backoff of its attempts. */
    public static Verdict later() {
      return LATER;
    }

    /** Not yet: check again at this time, not before. */
    public static Verdict at(Instant when) {
      return new Verdict(false, when);
    }
  }

  /** Settles one claimed item; throwing counts as {@link Verdict#later()}. */
  @FunctionalInterface
  public interface Settler {
    Verdict settle(DueWork work);
  }

  private final OrderStore store;
  private final Clock clock;
  private final Duration lease;
  private final Duration firstBackoff;
  private final int batchSize;

  /**
   * @param lease how long a claimed item stays with this instance
   * @param firstBackoff the wait after the first check that left an item pending; it doubles with
   *     every further check, up to {@link #MAX_BACKOFF}
   */
  public DueWorkSweep(
      OrderStore store, Clock clock, Duration lease, Duration firstBackoff, int batchSize) {
    this.store = store;
    this.clock = clock;
    this.lease = lease;
    this.firstBackoff = firstBackoff;
    this.batchSize = batchSize;
  }

  /** Claims the items of this kind due by {@code cutoff} and settles them; returns how many. */
  public int run(DueWorkKind kind, Instant cutoff, Settler settler) {
    Instant now = clock.instant();
    List<DueWork> claimed = store.claimDueWork(kind, cutoff, now, now.plus(lease), batchSize);
    int settled = 0;
    for (DueWork work : claimed) {
      Verdict verdict;
      try {
        verdict = settler.settle(work);
      } catch (RuntimeException e) {
        log.info("payflow left {} {} for a later sweep: {}", kind, work.key(), e.toString());
        verdict = Verdict.later();
      }
      if (verdict.done()) {
        settled++;
        continue;
      }
      Instant retryAt =
          verdict.retryAt() != null ? verdict.retryAt() : clock.instant().plus(backoff(work));
      try {
        store.deferDueWork(kind, work.key(), retryAt);
      } catch (RuntimeException e) {
        // its lease ends anyway, and then any instance takes it again
        log.warn("payflow could not defer {} {}", kind, work.key(), e);
      }
    }
    return settled;
  }

  /** firstBackoff × 2^(attempts − 1), at most {@link #MAX_BACKOFF}. */
  Duration backoff(DueWork work) {
    int doublings = Math.min(Math.max(work.attempts() - 1, 0), 20);
    Duration wait = firstBackoff.multipliedBy(1L << doublings);
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }
}
