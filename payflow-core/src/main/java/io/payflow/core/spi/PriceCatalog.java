package io.payflow.core.spi;

import java.util.OptionalLong;

/** The current price of a sku, so that an order placed at a stale price is refused. */
@FunctionalInterface
public interface PriceCatalog {

  /** The current unit price in fen, or empty if the sku is unknown. */
  OptionalLong priceOf(String sku);
}
