package io.payflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderStatus;
import io.payflow.examples.shop.DemoStock;
import io.payflow.jdbc.JdbcInventoryService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The demo keeps its orders and stock in a database file: a restart finds them as they were. */
class DemoShopRestartTest {

  @TempDir Path data;

  @Test
  void anOrderAndTheStockItTookSurviveARestart() {
    // given the shop started on an empty database file, and an order placed
    String orderNo;
    try (ConfigurableApplicationContext first = start()) {
      assertThat(first.getBean(DemoStock.class).stocked()).contains("SKU-1");
      Order order =
          first
              .getBean(PayFlow.class)
              .createOrder(
                  CreateOrderRequest.of("user-1", List.of(new OrderLine("SKU-1", 2, 1999))));
      orderNo = order.orderNo();
      assertThat(first.getBean(JdbcInventoryService.class).stock("SKU-1").available())
          .isEqualTo(98);
    }

    // when it starts again on the same file
    try (ConfigurableApplicationContext second = start()) {
      // then the order is there, and the stock is not seeded again
      assertThat(second.getBean(PayFlow.class).find(orderNo))
          .hasValueSatisfying(
              d -> assertThat(d.order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT));
      assertThat(second.getBean(DemoStock.class).stocked()).isEmpty();
      assertThat(second.getBean(JdbcInventoryService.class).stock("SKU-1").available())
          .isEqualTo(98);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(DemoShopApplication.class)
        .run(
            "--server.port=0",
            "--payflow.scheduling.enabled=false",
            "--spring.datasource.url=jdbc:h2:file:" + data.resolve("demo").toAbsolutePath());
  }
}
