package io.payflow.examples.web;

import io.payflow.examples.shop.ProductCatalog;
import io.payflow.examples.web.Dtos.ProductView;
import io.payflow.jdbc.JdbcInventoryService;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/products}: what is on sale, at which price, and how many are left. */
@RestController
public class ProductController {

  private final ProductCatalog catalog;
  private final JdbcInventoryService inventory;

  public ProductController(ProductCatalog catalog, JdbcInventoryService inventory) {
    this.catalog = catalog;
    this.inventory = inventory;
  }

  @GetMapping("/api/products")
  public List<ProductView> products() {
    return catalog.products().stream()
        .map(
            p ->
                new ProductView(p.sku(), p.name(), p.price(), inventory.stock(p.sku()).available()))
        .toList();
  }
}
