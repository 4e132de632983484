package io.payflow.core.faults;

/**
 * What an inventory implementation can say about one sku, so that the invariant checker compares
 * the ledger with the inventory's own figures. Optional: a contract subclass that cannot read its
 * inventory's levels returns none.
 */
public interface StockView {

  long available(String sku);

  long reserved(String sku);

  long sold(String sku);
}
