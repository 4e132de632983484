package io.payflow.examples.shop;

import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.spi.FulfillmentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shop's own services that payflow plugs into: stock, prices and fulfilment. A real shop would
 * back them with its database and warehouse; the demo keeps them in memory so that it starts with
 * nothing installed. Being beans of the SPI types, they take the place of the starter's defaults.
 */
@Configuration(proxyBeanMethods = false)
public class ShopConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ShopConfiguration.class);

  @Bean
  ProductCatalog productCatalog() {
    return ProductCatalog.seeded();
  }

  @Bean
  InMemoryInventoryService inventoryService(ProductCatalog catalog) {
    InMemoryInventoryService inventory = new InMemoryInventoryService();
    catalog.products().forEach(p -> inventory.stock(p.sku(), p.initialStock()));
    return inventory;
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
