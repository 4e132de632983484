package io.payflow.core.faults;

/**
 * The failure an injected {@link FaultKind#THROW_BEFORE} or {@link FaultKind#THROW_AFTER} throws.
 */
public final class InjectedFault extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InjectedFault(String message) {
    super(message, null, false, false);
  }
}
