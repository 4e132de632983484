package io.payflow.core.internal;

import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowBuilder;

/** The implementation of {@link PayFlow}. */
public final class DefaultPayFlow {

  private DefaultPayFlow() {}

  public static PayFlow create(PayFlowBuilder builder) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
