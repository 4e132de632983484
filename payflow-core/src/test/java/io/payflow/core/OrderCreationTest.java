package io.payflow.core;

import static io.payflow.core.testing.Shop.PRICE;
import static io.payflow.core.testing.Shop.SKU;
import static io.payflow.core.testing.Shop.STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.effect.Effect;
import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.event.OrderCreated;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.testing.ForwardingOrderStore;
import io.payflow.core.testing.Shop;
import io.payflow.core.trace.TraceEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference diagram's {@code alt 订单创建成功 / else 订单创建失败}. */
class OrderCreationTest {

  private Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private static OrderLine line(int quantity) {
    return new OrderLine(SKU, quantity, PRICE);
  }

  private void assertNothingPersistedAndNoStockHeld() {
    assertThat(shop.store.findOrders(0, 1000)).isEmpty();
    assertNoStockHeld();
  }

  /**
   * The order was stored RESERVING before its stock was asked for (intent before action), so the
   * refused attempt stays on record, closed; nothing payable and no stock is left.
   */
  private void assertOnlyAClosedAttemptAndNoStockHeld() {
    assertThat(shop.store.findOrders(0, 1000))
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CLOSED));
    assertNoStockHeld();
  }

  private void assertNoStockHeld() {
    assertThat(shop.inventory.stock.available(SKU)).isEqualTo(STOCK);
    assertThat(shop.inventory.stock.reserved(SKU)).isZero();
    assertThat(shop.events.of(OrderCreated.class)).isEmpty();
  }

  @Test
  void createdOrderIsPendingPaymentWithItsStockReservedAndAnExpiry() {
    Order order =
        shop.flow.createOrder(
            new CreateOrderRequest("user-1", List.of(line(3)), "两件T恤", Duration.ofMinutes(15)));

    assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(order.totalAmount()).isEqualTo(3 * PRICE);
    assertThat(order.expiresAt()).isEqualTo(shop.clock.instant().plus(Duration.ofMinutes(15)));
    assertThat(shop.record(order.orderNo()).order()).isEqualTo(order);
    assertThat(shop.inventory.stock.reserved(SKU)).isEqualTo(3);
    assertThat(shop.events.of(OrderCreated.class)).hasSize(1);
    assertThat(shop.store.loadTrace(order.orderNo()))
        .extracting(TraceEntry::message)
        .containsExactly("创建订单", "验证商品库存和价格", "生成订单号", "返回订单信息");
  }

  @Test
  void defaultsApplyWhenDescriptionAndExpiryAreOmitted() {
    Order order = shop.order(2);

    assertThat(order.description()).isEqualTo("SKU-1 ×2");
    assertThat(order.expiresAt())
        .isEqualTo(shop.clock.instant().plus(PayFlowConfig.DEFAULT_ORDER_EXPIRE_AFTER));
  }

  @Test
  void insufficientStockRefusesTheOrderAndHoldsNothing() {
    assertThatThrownBy(() -> shop.order((int) STOCK + 1))
        .isInstanceOf(InsufficientStockException.class)
        .hasMessageContaining("库存不足")
        .hasMessageContaining("wanted 11, have 10");

    assertOnlyAClosedAttemptAndNoStockHeld();
  }

  @Test
  void stalePriceRefusesTheOrderAndHoldsNothing() {
    shop.catalog.price(SKU, PRICE + 100);

    assertThatThrownBy(() -> shop.order(1))
        .isInstanceOfSatisfying(
            StalePriceException.class,
            e -> {
              assertThat(e.offered()).isEqualTo(PRICE);
              assertThat(e.current()).isEqualTo(PRICE + 100);
            })
        .hasMessageContaining("价格已变更");

    assertNothingPersistedAndNoStockHeld();
  }

  @Test
  void aFailedInsertReleasesTheReservation() {
    shop.close();
    ForwardingOrderStore failing =
        new ForwardingOrderStore() {
          @Override
          public void insert(OrderRecord record, List<Effect> effects, List<TraceEntry> trace) {
            throw new PayFlowException(PayFlowErrorCode.STORE_FAILURE, "the database is down");
          }
        };
    shop = new Shop(c -> c, failing);

    assertThatThrownBy(() -> shop.order(2)).hasMessageContaining("the database is down");

    assertThat(shop.inventory.stock.available(SKU)).isEqualTo(STOCK);
    assertThat(shop.inventory.stock.reserved(SKU)).isZero();
  }

  static Stream<Arguments> invalidRequests() {
    String longId = "u".repeat(65);
    List<OrderLine> tooMany =
        IntStream.range(0, 101).mapToObj(i -> new OrderLine("S" + i, 1, 1)).toList();
    return Stream.of(
        Arguments.of("null lines", new CreateOrderRequest("u", null, null, null), "lines"),
        Arguments.of("empty lines", new CreateOrderRequest("u", List.of(), null, null), "lines"),
        Arguments.of("too many lines", new CreateOrderRequest("u", tooMany, null, null), "lines"),
        Arguments.of(
            "null line",
            new CreateOrderRequest("u", Arrays.asList(line(1), null), null, null),
            "lines[1]"),
        Arguments.of("blank user", CreateOrderRequest.of(" ", List.of(line(1))), "userId"),
        Arguments.of("over-long user", CreateOrderRequest.of(longId, List.of(line(1))), "userId"),
        Arguments.of(
            "blank sku",
            CreateOrderRequest.of("u", List.of(line(1), new OrderLine("", 1, 1))),
            "lines[1].sku"),
        Arguments.of(
            "over-long sku",
            CreateOrderRequest.of("u", List.of(new OrderLine("S".repeat(65), 1, 1))),
            "lines[0].sku"),
        Arguments.of(
            "duplicate sku", CreateOrderRequest.of("u", List.of(line(1), line(2))), "lines[1].sku"),
        Arguments.of(
            "zero quantity", CreateOrderRequest.of("u", List.of(line(0))), "lines[0].quantity"),
        Arguments.of(
            "negative quantity",
            CreateOrderRequest.of("u", List.of(line(-2))),
            "lines[0].quantity"),
        Arguments.of(
            "zero price",
            CreateOrderRequest.of("u", List.of(new OrderLine(SKU, 1, 0))),
            "lines[0].unitPrice"),
        Arguments.of(
            "negative price",
            CreateOrderRequest.of("u", List.of(new OrderLine(SKU, 1, -5))),
            "lines[0].unitPrice"),
        Arguments.of(
            "line amount overflow",
            CreateOrderRequest.of("u", List.of(new OrderLine(SKU, 3, Long.MAX_VALUE / 2))),
            "lines[0].quantity"),
        Arguments.of(
            "total overflow",
            CreateOrderRequest.of(
                "u",
                List.of(new OrderLine(SKU, 1, Long.MAX_VALUE - 1), new OrderLine("SKU-2", 1, 10))),
            "lines[1].unitPrice"),
        Arguments.of(
            "unknown sku",
            CreateOrderRequest.of("u", List.of(line(1), new OrderLine("NOPE", 1, 1))),
            "lines[1].sku"),
        Arguments.of(
            "over-long description",
            new CreateOrderRequest("u", List.of(line(1)), "d".repeat(128), null),
            "description"),
        Arguments.of(
            "blank description",
            new CreateOrderRequest("u", List.of(line(1)), "  ", null),
            "description"),
        Arguments.of(
            "zero expiry",
            new CreateOrderRequest("u", List.of(line(1)), null, Duration.ZERO),
            "expireAfter"),
        Arguments.of(
            "negative expiry",
            new CreateOrderRequest("u", List.of(line(1)), null, Duration.ofMinutes(-1)),
            "expireAfter"));
  }

  @ParameterizedTest(name = "{0} is refused naming {2}")
  @MethodSource("invalidRequests")
  void invalidRequestIsRefusedNamingTheFieldAndChangesNothing(
      String why, CreateOrderRequest request, String field) {
    assertThatThrownBy(() -> shop.flow.createOrder(request))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": ");

    assertNothingPersistedAndNoStockHeld();
  }

  @Test
  void unknownSkuMessageSaysTheCatalogHasNoPrice() {
    List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine("GHOST", 1, 1)));

    assertThatThrownBy(() -> shop.flow.createOrder(CreateOrderRequest.of("u", lines)))
        .hasMessage("lines[0].sku: unknown sku GHOST: the catalog has no price");
  }
}
