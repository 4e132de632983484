package io.payflow.core.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.model.OrderLine;
import io.payflow.core.spi.InventoryService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link InventoryService}: the in-memory inventory and a host's own (a
 * table with a row per sku, Redis) extend it and override the two hooks; JUnit then runs every test
 * below against it.
 *
 * <p>The kit observes stock only through {@link #available(String)}, the units of a sku that can
 * still be sold, so a host needs to expose nothing else: a reservation lowers it, a release raises
 * it back, a confirmation leaves it lowered.
 */
public abstract class InventoryServiceContract {

  private InventoryService inventory;

  /**
   * A new inventory holding exactly {@code stock} (units available for sale per sku), with no
   * reservation; a sku not in the map has none. Called at most once per test; on a shared store,
   * clear what earlier tests left (reservations are keyed by order numbers the tests reuse).
   */
  protected abstract InventoryService createInventory(Map<String, Long> stock);

  /**
   * Units of {@code sku} available for sale now in the inventory {@link #createInventory} returned
   * in this test: its stock less what is reserved and what is sold.
   */
  protected abstract long available(String sku);

  /** Releases what {@link #createInventory} opened; nothing by default. */
  protected void disposeInventory(InventoryService inventory) throws Exception {}

  /** How many threads the concurrency tests race. 8 by default. */
  protected int threads() {
    return 8;
  }

  private InventoryService inventory(Map<String, Long> stock) {
    inventory = createInventory(stock);
    return inventory;
  }

  @AfterEach
  void disposeInventoryUnderTest() throws Exception {
    if (inventory != null) {
      disposeInventory(inventory);
    }
  }

  @Test
  void reserveTakesTheStockOfEveryLine() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L, "SKU-B", 5L, "SKU-C", 1L));

    // when
    inv.reserve("ORD-1", List.of(line("SKU-A", 3), line("SKU-B", 5)));

    // then
    assertThat(available("SKU-A")).isEqualTo(7);
    assertThat(available("SKU-B")).isZero();
    assertThat(available("SKU-C")).isEqualTo(1);
  }

  @Test
  void reserveWithOneSkuShortReservesNothing() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L, "SKU-B", 1L));

    // when the second line wants more than there is
    InsufficientStockException e =
        catchThrowableOfType(
            InsufficientStockException.class,
            () -> inv.reserve("ORD-1", List.of(line("SKU-A", 2), line("SKU-B", 3))));

    // then it says which sku, how many were wanted and how many there are, and holds nothing
    assertThat(e).isNotNull();
    assertThat(e.sku()).isEqualTo("SKU-B");
    assertThat(e.requested()).isEqualTo(3);
    assertThat(e.available()).isEqualTo(1);
    assertThat(e).hasMessageContaining("SKU-B").hasMessageContaining("3").hasMessageContaining("1");
    assertThat(available("SKU-A")).isEqualTo(10);
    assertThat(available("SKU-B")).isEqualTo(1);
  }

  @Test
  void unknownSkuHasNoStock() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L));

    // when
    InsufficientStockException e =
        catchThrowableOfType(
            InsufficientStockException.class,
            () -> inv.reserve("ORD-1", List.of(line("SKU-A", 1), line("SKU-GONE", 1))));

    // then
    assertThat(e).isNotNull();
    assertThat(e.sku()).isEqualTo("SKU-GONE");
    assertThat(e.available()).isZero();
    assertThat(available("SKU-A")).isEqualTo(10);
  }

  @Test
  void sameSkuOnTwoLinesIsSummedBeforeTheCheck() {
    // given 5 units, and an order whose two lines of 3 each fit alone but not together
    InventoryService inv = inventory(Map.of("SKU-A", 5L));

    // when
    InsufficientStockException e =
        catchThrowableOfType(
            InsufficientStockException.class,
            () -> inv.reserve("ORD-1", List.of(line("SKU-A", 3), line("SKU-A", 3))));

    // then
    assertThat(e).isNotNull();
    assertThat(e.requested()).isEqualTo(6);
    assertThat(e.available()).isEqualTo(5);
    assertThat(available("SKU-A")).isEqualTo(5);
  }

  @Test
  void sameSkuOnTwoLinesIsReservedInFull() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 5L));

    // when
    inv.reserve("ORD-1", List.of(line("SKU-A", 2), line("SKU-A", 3)));

    // then
    assertThat(available("SKU-A")).isZero();
  }

  @Test
  void reservingTheSameOrderAgainReservesNothingMore() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));

    // when the same order is reserved again (a retried request)
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));

    // then
    assertThat(available("SKU-A")).isEqualTo(7);
  }

  @Test
  void reservationsOfDifferentOrdersAreSeparate() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));
    inv.reserve("ORD-2", List.of(line("SKU-A", 4)));

    // when
    inv.release("ORD-1");

    // then only ORD-1's units are back
    assertThat(available("SKU-A")).isEqualTo(6);
  }

  @Test
  void confirmedStockStaysSoldAndConfirmingAgainChangesNothing() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));

    // when
    inv.confirm("ORD-1");
    inv.confirm("ORD-1");

    // then
    assertThat(available("SKU-A")).isEqualTo(7);
  }

  @Test
  void releasedStockIsForSaleAgainAndReleasingAgainChangesNothing() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));

    // when
    inv.release("ORD-1");
    inv.release("ORD-1");

    // then the units come back once, not twice
    assertThat(available("SKU-A")).isEqualTo(10);
  }

  @Test
  void releaseAfterConfirmDoesNothing() {
    // given an order paid, then closed by a late expiry sweep
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));
    inv.confirm("ORD-1");

    // when
    inv.release("ORD-1");

    // then sold stock is not put back for sale
    assertThat(available("SKU-A")).isEqualTo(7);
  }

  @Test
  void confirmAfterReleaseDoesNothing() {
    // given an order closed, then a late success arrives (it will be refunded, not shipped)
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));
    inv.release("ORD-1");

    // when
    inv.confirm("ORD-1");
    inv.release("ORD-1");

    // then released stock is not taken again, nor given back twice
    assertThat(available("SKU-A")).isEqualTo(10);
  }

  @Test
  void reservingAgainAfterReleaseReservesNothing() {
    // given the order number is the key for its whole life, not just for one reservation
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));
    inv.release("ORD-1");

    // when a delayed retry of the original reserve arrives
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));

    // then
    assertThat(available("SKU-A")).isEqualTo(10);
  }

  @Test
  void confirmOrReleaseOfAnOrderNeverReservedDoesNothing() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));

    // when
    inv.confirm("ORD-NEVER");
    inv.release("ORD-NEVER");

    // then
    assertThat(available("SKU-A")).isEqualTo(7);
  }

  @Test
  void refusedReservationLeavesNothingToConfirmOrRelease() {
    // given
    InventoryService inv = inventory(Map.of("SKU-A", 10L, "SKU-B", 0L));
    catchThrowableOfType(
        InsufficientStockException.class,
        () -> inv.reserve("ORD-1", List.of(line("SKU-A", 3), line("SKU-B", 1))));

    // when
    inv.release("ORD-1");
    inv.confirm("ORD-1");

    // then a release did not give back units that were never taken
    assertThat(available("SKU-A")).isEqualTo(10);
    assertThat(available("SKU-B")).isZero();
  }

  @Test
  void concurrentReservationsNeverOversell() {
    // given 37 units and 100 buyers of one unit each, at once (a flash sale)
    InventoryService inv = inventory(Map.of("SKU-A", 37L));
    int buyers = 100;

    // when
    List<Race.Outcome<Boolean>> outcomes =
        Race.run(
            threads(),
            buyers,
            i ->
                () -> {
                  try {
                    inv.reserve("ORD-" + i, List.of(line("SKU-A", 1)));
                    return true;
                  } catch (InsufficientStockException soldOut) {
                    return false;
                  }
                });

    // then exactly the stock is sold, no more, no less
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes.stream().filter(Race.Outcome::value)).hasSize(37);
    assertThat(available("SKU-A")).isZero();
  }

  @Test
  void concurrentReservationsOfTwoSkusInEitherLineOrderComplete() {
    // given orders that list the same two skus in opposite orders: a per-sku lock taken in line
    // order deadlocks here (the race fails after a minute)
    InventoryService inv = inventory(Map.of("SKU-A", 1_000L, "SKU-B", 1_000L));
    int orders = 200;

    // when
    List<Race.Outcome<Object>> outcomes =
        Race.run(
            threads(),
            orders,
            i ->
                () -> {
                  List<OrderLine> lines =
                      i % 2 == 0
                          ? List.of(line("SKU-A", 1), line("SKU-B", 2))
                          : List.of(line("SKU-B", 2), line("SKU-A", 1));
                  inv.reserve("ORD-" + i, lines);
                  return null;
                });

    // then
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(available("SKU-A")).isEqualTo(800);
    assertThat(available("SKU-B")).isEqualTo(600);
  }

  @Test
  void concurrentDuplicateReservationsOfOneOrderReserveOnce() {
    // given the same reserve delivered several times at once (retries of one request)
    InventoryService inv = inventory(Map.of("SKU-A", 10L));

    // when
    List<Race.Outcome<Object>> outcomes =
        Race.run(
            threads(),
            threads() * 2,
            i ->
                () -> {
                  inv.reserve("ORD-1", List.of(line("SKU-A", 3)));
                  return null;
                });

    // then
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(available("SKU-A")).isEqualTo(7);
  }

  @Test
  void racingConfirmsAndReleasesSettleTheReservationOnce() {
    // given a success callback and an expiry sweep acting on one order at once, several times
    InventoryService inv = inventory(Map.of("SKU-A", 10L));
    inv.reserve("ORD-1", List.of(line("SKU-A", 3)));

    // when
    List<Race.Outcome<Object>> outcomes =
        Race.run(
            threads(),
            threads() * 2,
            i ->
                () -> {
                  if (i % 2 == 0) {
                    inv.confirm("ORD-1");
                  } else {
                    inv.release("ORD-1");
                  }
                  return null;
                });

    // then either sold (7) or back for sale (10): never released twice, never both
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(available("SKU-A")).isIn(7L, 10L);
  }

  private static OrderLine line(String sku, int quantity) {
    return new OrderLine(sku, quantity, 100);
  }
}
