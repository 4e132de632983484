package io.payflow.core.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The explicit transition table of {@link PaymentStatus}.
 *
 * <p>A success is never refused while money could still arrive: a callback can overtake the prepay
 * answer ({@code CREATED → SUCCEEDED}), and a payer can pay just before a close lands ({@code
 * CLOSED → SUCCEEDED}, a late success that payflow records and refunds), and a payment given up as
 * {@code PREPAY_FAILED} may still have been paid ({@code PREPAY_FAILED → SUCCEEDED}, refunded the
 * same way). A move to the same status is not in the table: callers treat it as a repeated,
 * idempotent move.
 *
 * <p>This class is threadsafe.
 */
public final class PaymentTransitions {

  private static final Map<PaymentStatus, Set<PaymentStatus>> TABLE =
      new EnumMap<>(PaymentStatus.class);

  static {
    TABLE.put(
        PaymentStatus.CREATED,
        EnumSet.of(
            PaymentStatus.PREPAID,
            PaymentStatus.PREPAY_FAILED,
            PaymentStatus.UNKNOWN,
            PaymentStatus.SUCCEEDED,
            PaymentStatus.FAILED,
            PaymentStatus.CLOSED));
    TABLE.put(
        PaymentStatus.PREPAID,
        EnumSet.of(
            PaymentStatus.SUCCEEDED,
            PaymentStatus.FAILED,
            PaymentStatus.CLOSED,
            PaymentStatus.UNKNOWN));
    TABLE.put(
        PaymentStatus.UNKNOWN,
        EnumSet.of(
            PaymentStatus.PREPAID,
            PaymentStatus.PREPAY_FAILED,
            PaymentStatus.SUCCEEDED,
            PaymentStatus.FAILED,
            PaymentStatus.CLOSED));
    TABLE.put(PaymentStatus.FAILED, EnumSet.of(PaymentStatus.SUCCEEDED, PaymentStatus.CLOSED));
    TABLE.put(PaymentStatus.CLOSED, EnumSet.of(PaymentStatus.SUCCEEDED));
    // Given up while its prepay may still have landed (a crash, a timeout): money can still come.
    TABLE.put(PaymentStatus.PREPAY_FAILED, EnumSet.of(PaymentStatus.SUCCEEDED));
    TABLE.put(PaymentStatus.SUCCEEDED, EnumSet.noneOf(PaymentStatus.class));
  }

  private PaymentTransitions() {}

  /** Whether {@code from → to} is in the table. */
  public static boolean allowed(PaymentStatus from, PaymentStatus to) {
    return TABLE.get(from).contains(to);
  }

  /** The statuses reachable in one move from {@code from}. */
  public static Set<PaymentStatus> targets(PaymentStatus from) {
    return Set.copyOf(TABLE.get(from));
  }
}
