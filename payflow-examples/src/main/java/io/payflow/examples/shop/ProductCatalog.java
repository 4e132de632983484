package io.payflow.examples.shop;

import java.util.List;
import java.util.Optional;

/**
 * The demo shop's products: names for the page, seeded into the in-memory price catalog and
 * inventory that payflow checks orders against.
 */
public final class ProductCatalog {

  private final List<Product> products;

  public ProductCatalog(List<Product> products) {
    this.products = List.copyOf(products);
  }

  /** The seed of a fresh demo: a few teas and teaware, one of them nearly sold out. */
  public static ProductCatalog seeded() {
    return new ProductCatalog(
        List.of(
            new Product("SKU-1", "Oolong tea 乌龙茶 250g", 1999, 100),
            new Product("SKU-2", "Celadon teacup 青瓷茶杯", 4500, 20),
            new Product("SKU-3", "Bamboo tea tray 竹茶盘", 12800, 5),
            new Product("SKU-4", "Limited gift box 限量礼盒", 29900, 1)));
  }

  public List<Product> products() {
    return products;
  }

  public Optional<Product> find(String sku) {
    return products.stream().filter(p -> p.sku().equals(sku)).findFirst();
  }
}
