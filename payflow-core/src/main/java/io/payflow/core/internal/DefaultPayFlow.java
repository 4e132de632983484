package io.payflow.core.internal;

import io.payflow.core.PayFlow;

/** The implementation of {@link PayFlow}. */
public final class DefaultPayFlow {

  private DefaultPayFlow() {}

  public static PayFlow create(PayFlowParts parts) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
