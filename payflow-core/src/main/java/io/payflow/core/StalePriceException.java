package io.payflow.core;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;

/** 价格已变更: the buyer saw an old price; the order was not created and no stock is held. */
public class StalePriceException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final String sku;
  private final long offered;
  private final long current;

  public StalePriceException(String sku, long offered, long current) {
    super(
        PayFlowErrorCode.STALE_PRICE,
        "价格已变更 / price of "
            + sku
            + " changed: the order says "
            + offered
            + " fen, the current price is "
            + current
            + " fen");
    this.sku = sku;
    this.offered = offered;
    this.current = current;
  }

  public String sku() {
    return sku;
  }

  public long offered() {
    return offered;
  }

  public long current() {
    return current;
  }
}
