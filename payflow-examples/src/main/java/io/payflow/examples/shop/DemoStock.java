package io.payflow.examples.shop;

import io.payflow.jdbc.JdbcInventoryService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's initial stock, put into the database on the first start only: a restarted shop keeps
 * what it sold and reserved since.
 *
 * @param stocked the skus stocked by this start (empty when the database already had them)
 */
public record DemoStock(List<String> stocked) {

  private static final Logger log = LoggerFactory.getLogger(DemoStock.class);

  static DemoStock seed(ProductCatalog catalog, JdbcInventoryService inventory) {
    List<String> stocked =
        catalog.products().stream()
            .filter(p -> inventory.initStock(p.sku(), p.initialStock()))
            .map(Product::sku)
            .toList();
    if (!stocked.isEmpty()) {
      log.info("stocked {} in the demo's database", stocked);
    }
    return new DemoStock(stocked);
  }
}
