package io.payflow.core.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The explicit transition table of {@link RefundStatus}. A refund never goes back to {@code
 * CREATED}; a channel may answer {@code SUCCEEDED} or {@code FAILED} at once, without {@code
 * PROCESSING}. A move to the same status is not in the table: callers treat it as a repeated,
 * idempotent move.
 *
 * <p>This class is threadsafe.
 */
public final class RefundTransitions {

  private static final Map<RefundStatus, Set<RefundStatus>> TABLE =
      new EnumMap<>(RefundStatus.class);

  static {
    TABLE.put(
        RefundStatus.CREATED,
        EnumSet.of(RefundStatus.PROCESSING, RefundStatus.SUCCEEDED, RefundStatus.FAILED));
    TABLE.put(RefundStatus.PROCESSING, EnumSet.of(RefundStatus.SUCCEEDED, RefundStatus.FAILED));
    TABLE.put(RefundStatus.SUCCEEDED, EnumSet.noneOf(RefundStatus.class));
    TABLE.put(RefundStatus.FAILED, EnumSet.noneOf(RefundStatus.class));
  }

  private RefundTransitions() {}

  /** Whether {@code from → to} is in the table. */
  public static boolean allowed(RefundStatus from, RefundStatus to) {
    return TABLE.get(from).contains(to);
  }

  /** The statuses reachable in one move from {@code from}. */
  public static Set<RefundStatus> targets(RefundStatus from) {
    return Set.copyOf(TABLE.get(from));
  }
}
