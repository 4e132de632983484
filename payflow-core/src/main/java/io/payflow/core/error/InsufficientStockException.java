package io.payflow.core.error;

/** 库存不足: the order was not created and no stock is held. */
public class InsufficientStockException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  private final String sku;
  private final long requested;
  private final long available;

  public InsufficientStockException(String sku, long requested, long available) {
    super(
        PayFlowErrorCode.INSUFFICIENT_STOCK,
        "库存不足 / insufficient stock for " + sku + ": wanted " + requested + ", have " + available);
    this.sku = sku;
    this.requested = requested;
    this.available = available;
  }

  public String sku() {
    return sku;
  }

  public long requested() {
    return requested;
  }

  public long available() {
    return available;
  }
}
