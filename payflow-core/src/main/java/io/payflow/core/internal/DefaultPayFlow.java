package io.payflow.core.internal;

import io.payflow.core.PayFlow;

/**
 * Makes the implementation of {@link PayFlow} for {@code PayFlowBuilder}; the implementation itself
 * stays package-private. This class is threadsafe (it has no state).
 */
public final class DefaultPayFlow {

  private DefaultPayFlow() {}

  /** The {@link PayFlow} over these parts, with its effect runner started. */
  public static PayFlow create(PayFlowParts parts) {
    return new PayFlowImpl(parts);
  }
}
