package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.testing.FakeChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limits of an order request hold exactly at their edge. */
class OrderRequestLimitsTest {

  private final InMemoryInventoryService inventory = new InMemoryInventoryService();
  private final InMemoryPriceCatalog catalog = new InMemoryPriceCatalog();
  private final PayFlow flow =
      PayFlow.builder()
          .inventory(inventory)
          .priceCatalog(catalog)
          .channel(new FakeChannel())
          .build();

  @AfterEach
  void closeFlow() {
    flow.close();
  }

  private String sku(String name) {
    catalog.price(name, 100);
    inventory.stock(name, 1_000);
    return name;
  }

  private Order create(String userId, List<OrderLine> lines, String description) {
    return flow.createOrder(new CreateOrderRequest(userId, lines, description, null));
  }

  private void refusedNaming(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void userIdOf64CharactersIsTakenAnd65AreNot() {
    List<OrderLine> line = List.of(new OrderLine(sku("A"), 1, 100));

    assertThat(create("u".repeat(64), line, null).userId()).hasSize(64);
    refusedNaming(() -> create("u".repeat(65), line, null), "userId");
    refusedNaming(() -> create(null, line, null), "userId");
    refusedNaming(() -> flow.createOrder(null), "request");
  }

  @Test
  void hundredLinesAreTakenAndHundredAndOneAreNot() {
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      lines.add(new OrderLine(sku("S" + i), 1, 100));
    }

    assertThat(create("u", lines.subList(0, 100), null).lines()).hasSize(100);
    refusedNaming(() -> create("u", lines, null), "lines");
  }

  @Test
  void skuOf64CharactersIsTakenAnd65AreNot() {
    String longest = sku("K".repeat(64));
    String tooLong = sku("K".repeat(65));

    assertThat(create("u", List.of(new OrderLine(longest, 1, 100)), null).lines()).hasSize(1);
    refusedNaming(() -> create("u", List.of(new OrderLine(tooLong, 1, 100)), null), "lines[0].sku");
    refusedNaming(() -> create("u", List.of(new OrderLine(null, 1, 100)), null), "lines[0].sku");
    refusedNaming(() -> create("u", List.of(new OrderLine(" ", 1, 100)), null), "lines[0].sku");
    refusedNaming(() -> create("u", Arrays.asList(new OrderLine[] {null}), null), "lines[0]");
  }

  @Test
  void descriptionOf127CharactersIsTakenAnd128AreNot() {
    List<OrderLine> line = List.of(new OrderLine(sku("A"), 1, 100));

    assertThat(create("u", line, "d".repeat(127)).description()).hasSize(127);
    refusedNaming(() -> create("u", line, "d".repeat(128)), "description");
  }

  @Test
  void defaultDescriptionNamesTheOnlyLineOrCountsTheLines() {
    String a = sku("A");
    String b = sku("B");

    assertThat(create("u", List.of(new OrderLine(a, 3, 100)), null).description())
        .isEqualTo("A ×3");
    assertThat(
            create("u", List.of(new OrderLine(a, 1, 100), new OrderLine(b, 2, 100)), null)
                .description())
        .isEqualTo("A 等2件商品");
  }
}
