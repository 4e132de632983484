package io.payflow.core.faults;

/**
 * Thrown by every SPI call of a {@code PayFlow} instance that the harness has crashed. An {@link
 * Error}, so that nothing in payflow mistakes it for a failure it may handle: the instance is gone,
 * and the harness carries on with a fresh one over the same store, inventory and channel.
 */
public final class InjectedCrash extends Error {

  private static final long serialVersionUID = 1L;

  public InjectedCrash(String message) {
    super(message, null, false, false);
  }
}
