package io.payflow.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.spi.PriceCatalog;
import io.payflow.core.spi.contract.PriceCatalogContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory catalog passes the {@link PriceCatalogContract}. */
class InMemoryPriceCatalogTest extends PriceCatalogContract {

  @Override
  protected PriceCatalog createCatalog(Map<String, Long> prices) {
    InMemoryPriceCatalog catalog = new InMemoryPriceCatalog();
    prices.forEach(catalog::price);
    return catalog;
  }

  @Test
  void aNewPriceReplacesTheOldOne() {
    InMemoryPriceCatalog catalog = new InMemoryPriceCatalog().price("SKU-A", 100);

    catalog.price("SKU-A", 120);

    assertThat(catalog.priceOf("SKU-A")).hasValue(120);
  }

  @Test
  void zeroOrNegativePriceIsRefusedNamingTheField() {
    // a free sku would let any order through at 0 fen; WeChat refuses 0 anyway
    for (long fen : new long[] {0, -1}) {
      assertThatThrownBy(() -> new InMemoryPriceCatalog().price("SKU-A", fen))
          .isInstanceOfSatisfying(
              InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("price"))
          .hasMessageContaining("SKU-A");
    }
  }

  @Test
  void priceOfNoSkuIsRefusedNamingTheField() {
    for (String sku : new String[] {null, " "}) {
      assertThatThrownBy(() -> new InMemoryPriceCatalog().price(sku, 100))
          .isInstanceOfSatisfying(
              InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("sku"));
    }
  }
}
