package io.payflow.core.error;

/**
 * An {@code OrderStore} write found another version than it expected: someone else changed the
 * order first. The facade reloads and decides again; a host sees it only if that keeps failing.
 */
public class ConcurrentUpdateException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  public ConcurrentUpdateException(String orderNo, long expectedVersion) {
    super(
        PayFlowErrorCode.CONCURRENT_UPDATE,
        "order "
            + orderNo
            + " was changed concurrently (expected version "
            + expectedVersion
            + ")");
  }
}
