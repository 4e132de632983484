package io.payflow.examples.shop;

import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.jdbc.JdbcInventoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shop's own services that payflow plugs into: prices and fulfilment, and the seed of its
 * stock. The stock itself, like the orders, is payflow-jdbc's, in the demo's database; prices stay
 * in memory. Being beans of the SPI types, they take the place of the starter's defaults.
 */
@Configuration(proxyBeanMethods = false)
public class ShopConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ShopConfiguration.class);

  @Bean
  ProductCatalog productCatalog() {
    return ProductCatalog.seeded();
  }

  /** Stocks each product on the first start; later starts keep what was sold since. */
  @Bean
  DemoStock demoStock(ProductCatalog catalog, JdbcInventoryService inventory) {
    return DemoStock.seed(catalog, inventory);
  }

  @Bean
  InMemoryPriceCatalog priceCatalog(ProductCatalog catalog) {
    InMemoryPriceCatalog prices = new InMemoryPriceCatalog();
    catalog.products().forEach(p -> prices.price(p.sku(), p.price()));
    return prices;
  }

  /** 触发发货流程: the demo has no warehouse, so starting fulfilment is a log line. */
  @Bean
  FulfillmentService fulfillmentService() {
    return order ->
        log.info(
            "触发发货流程 / fulfilment started for order {} ({} line(s))",
            order.orderNo(),
            order.lines().size());
  }
}
