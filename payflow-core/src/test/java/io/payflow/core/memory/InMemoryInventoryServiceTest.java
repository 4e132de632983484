package io.payflow.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.memory.InMemoryInventoryService.ReservationState;
import io.payflow.core.model.OrderLine;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.contract.InventoryServiceContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory inventory passes the whole {@link InventoryServiceContract}; the tests below cover
 * what it shows beyond the SPI (reserved, sold, reservation state), which demos and tests read.
 */
class InMemoryInventoryServiceTest extends InventoryServiceContract {

  private InMemoryInventoryService inventory;

  @Override
  protected InventoryService createInventory(Map<String, Long> stock) {
    inventory = new InMemoryInventoryService();
    stock.forEach(inventory::stock);
    return inventory;
  }

  @Override
  protected long available(String sku) {
    return inventory.available(sku);
  }

  @Test
  void reservedAndSoldFollowTheReservation() {
    // given
    InMemoryInventoryService inv = new InMemoryInventoryService().stock("SKU-A", 10);

    // when
    inv.reserve("ORD-1", List.of(new OrderLine("SKU-A", 3, 100)));
    inv.reserve("ORD-2", List.of(new OrderLine("SKU-A", 2, 100)));
    inv.confirm("ORD-1");
    inv.release("ORD-2");

    // then
    assertThat(inv.available("SKU-A")).isEqualTo(7);
    assertThat(inv.reserved("SKU-A")).isZero();
    assertThat(inv.sold("SKU-A")).isEqualTo(3);
    assertThat(inv.reservation("ORD-1")).contains(ReservationState.CONFIRMED);
    assertThat(inv.reservation("ORD-2")).contains(ReservationState.RELEASED);
    assertThat(inv.reservation("ORD-3")).isEmpty();
  }

  @Test
  void negativeStockIsRefusedNamingTheField() {
    assertThatThrownBy(() -> new InMemoryInventoryService().stock("SKU-A", -1))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("quantity"))
        .hasMessageContaining("SKU-A");
  }

  @Test
  void stockOfNoSkuIsRefusedNamingTheField() {
    for (String sku : new String[] {null, " "}) {
      assertThatThrownBy(() -> new InMemoryInventoryService().stock(sku, 1))
          .isInstanceOfSatisfying(
              InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("sku"));
    }
  }

  @Test
  void skusAreListedInTheOrderTheyWereStocked() {
    InMemoryInventoryService inv =
        new InMemoryInventoryService().stock("SKU-B", 1).stock("SKU-A", 1).stock("SKU-B", 2);

    assertThat(inv.skus()).containsExactly("SKU-B", "SKU-A");
  }
}
