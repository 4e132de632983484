package io.payflow.jdbc;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;

/**
 * A row in payflow's tables is in a state payflow never writes: an unknown status, a payment or an
 * effect whose order is missing, a version that went backwards, a count that does not match the
 * rows. Someone edited the tables by hand (or a migration went wrong). payflow refuses to guess:
 * the call that met the row fails with this exception, naming the order, until the row is fixed.
 *
 * <p>Nothing was changed by the call that threw it.
 */
public class CorruptDataException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final String orderNo;

  public CorruptDataException(String orderNo, String problem) {
    super(
        PayFlowErrorCode.CORRUPT_DATA,
        "order " + orderNo + ": " + problem + " (was the row edited by hand?)");
    this.orderNo = orderNo;
  }

  /** The number of the order whose rows are corrupt. */
  public String orderNo() {
    return orderNo;
  }
}
