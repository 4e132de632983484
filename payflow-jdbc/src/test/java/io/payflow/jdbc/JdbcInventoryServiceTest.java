package io.payflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.OrderLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What JdbcInventoryService offers beyond the SPI: stocking, seeding, reading levels. */
class JdbcInventoryServiceTest {

  @RegisterExtension static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.H2);

  @Test
  void seedingStocksANewSkuOnceAndLeavesItAloneAfter() {
    // given a sku seeded, then partly sold
    JdbcInventoryService inventory = db.freshInventory(Map.of());
    assertThat(inventory.initStock("SKU-1", 10)).isTrue();
    inventory.reserve("ORD-1", List.of(new OrderLine("SKU-1", 3, 100)));
    inventory.confirm("ORD-1");

    // when the shop starts again and seeds again
    boolean seededAgain = inventory.initStock("SKU-1", 10);

    // then what was sold stays sold
    assertThat(seededAgain).isFalse();
    assertThat(inventory.stock("SKU-1")).isEqualTo(new StockLevel("SKU-1", 7, 0, 3));
    assertThat(inventory.reservation("ORD-1")).contains(ReservationState.CONFIRMED);
  }

  @Test
  void setStockKeepsWhatReservationsHold() {
    JdbcInventoryService inventory = db.freshInventory(Map.of("SKU-1", 10L));
    inventory.reserve("ORD-1", List.of(new OrderLine("SKU-1", 4, 100)));

    inventory.setStock("SKU-1", 50);

    assertThat(inventory.stock("SKU-1")).isEqualTo(new StockLevel("SKU-1", 50, 4, 0));
    assertThat(inventory.stock("SKU-NEVER")).isEqualTo(new StockLevel("SKU-NEVER", 0, 0, 0));
    assertThat(inventory.reservation("ORD-NEVER")).isEmpty();
  }

  @Test
  void aBlankSkuOrNegativeStockIsRefusedByName() {
    JdbcInventoryService inventory = db.freshInventory(Map.of());
    assertThatThrownBy(() -> inventory.setStock(" ", 1))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("sku");
    assertThatThrownBy(() -> inventory.initStock("SKU-1", -1))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("available");
  }
}
