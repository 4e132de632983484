package io.payflow.core.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.spi.PriceCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link PriceCatalog}: an implementation extends it and overrides {@link
 * #createCatalog(Map)}.
 */
public abstract class PriceCatalogContract {

  /** More than 2^53: a catalog that passes fen through a {@code double} loses the last digit. */
  protected static final long LARGE_FEN = 9_007_199_254_740_993L;

  /**
   * A catalog whose current prices are exactly {@code prices} (fen per unit); a sku not in the map
   * is unknown to it.
   */
  protected abstract PriceCatalog createCatalog(Map<String, Long> prices);

  @Test
  void knownSkuHasItsPriceInFen() {
    // given
    PriceCatalog catalog = createCatalog(Map.of("SKU-A", 1_250L, "SKU-B", 1L));

    // then
    assertThat(catalog.priceOf("SKU-A")).hasValue(1_250);
    assertThat(catalog.priceOf("SKU-B")).hasValue(1);
  }

  @Test
  void unknownSkuHasNoPrice() {
    // given
    PriceCatalog catalog = createCatalog(Map.of("SKU-A", 1_250L));

    // then empty, not zero: a price of 0 would let an order through for free
    assertThat(catalog.priceOf("SKU-UNKNOWN")).isEmpty();
  }

  @Test
  void largePricesAreExact() {
    // given
    PriceCatalog catalog = createCatalog(Map.of("SKU-GOLD", LARGE_FEN, "SKU-MAX", Long.MAX_VALUE));

    // then
    assertThat(catalog.priceOf("SKU-GOLD")).hasValue(LARGE_FEN);
    assertThat(catalog.priceOf("SKU-MAX")).hasValue(Long.MAX_VALUE);
  }

  @Test
  void unicodeSkusAreKeysLikeAnyOther() {
    // given
    PriceCatalog catalog = createCatalog(Map.of("茶-龙井-250g", 8_800L, "SKU-☕", 3_200L));

    // then
    assertThat(catalog.priceOf("茶-龙井-250g")).hasValue(8_800);
    assertThat(catalog.priceOf("SKU-☕")).hasValue(3_200);
    assertThat(catalog.priceOf("茶-龙井")).isEmpty();
  }
}
