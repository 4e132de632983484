package io.payflow.core.faults;

/** What an injected fault does to one SPI call. */
public enum FaultKind {
  /** The call throws before doing its work. */
  THROW_BEFORE,
  /** The call does its work, then throws (the answer was lost). */
  THROW_AFTER,
  /** The {@code PayFlow} instance dies just before the call: the work is not done. */
  CRASH_BEFORE,
  /** The {@code PayFlow} instance dies just after the call did its work. */
  CRASH_AFTER;

  boolean before() {
    return this == THROW_BEFORE || this == CRASH_BEFORE;
  }

  boolean crash() {
    return this == CRASH_BEFORE || this == CRASH_AFTER;
  }
}
