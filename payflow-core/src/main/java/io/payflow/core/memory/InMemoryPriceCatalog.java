package io.payflow.core.memory;

import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.spi.PriceCatalog;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PriceCatalog} in memory: the embedded default, for tests and demos.
 *
 * <p>This class is threadsafe.
 */
public final class InMemoryPriceCatalog implements PriceCatalog {

  private final Map<String, Long> prices = new ConcurrentHashMap<>();

  /** Sets the current unit price of a sku in fen. */
  public InMemoryPriceCatalog price(String sku, long fen) {
    if (sku == null || sku.isBlank()) {
      throw new InvalidRequestException("sku", "must not be blank");
    }
    if (fen <= 0) {
      throw new InvalidRequestException("price", "price of " + sku + " must be positive fen");
    }
    prices.put(sku, fen);
    return this;
  }

  @Override
  public OptionalLong priceOf(String sku) {
    Long p = prices.get(sku);
    return p == null ? OptionalLong.empty() : OptionalLong.of(p);
  }
}
