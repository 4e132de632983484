package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.ForwardingOrderStore;
import io.payflow.core.testing.Shop;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A write that loses a race is decided again on fresh data, a bounded number of times. */
class TransactionRetryTest {

  /** A store whose next {@code failures} writes lose a race. */
  private static final class RacingStore extends ForwardingOrderStore {
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public void update(StoreUpdate update) {
      writes.incrementAndGet();
      if (failures.getAndDecrement() > 0) {
        throw new ConcurrentUpdateException(update.orderNo(), update.expectedVersion());
      }
      super.update(update);
    }
  }

  @Test
  void lostRaceIsDecidedAgainAndWritten() {
    RacingStore store = new RacingStore();
    try (Shop shop = new Shop(UnaryOperator.identity(), store)) {
      Order order = shop.order(1);
      String paymentNo = shop.pay(order).payment().paymentNo();
      store.failures.set(2);
      store.writes.set(0);

      Order paid =
          shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, order.totalAmount()));
      shop.settle();

      assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
      assertThat(store.writes.get()).isGreaterThanOrEqualTo(3);
      assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
    }
  }

  @Test
  void writerThatKeepsLosingGivesUpAfterSixtyFourAttempts() {
    RacingStore store = new RacingStore();
    try (Shop shop = new Shop(UnaryOperator.identity(), store)) {
      Order order = shop.order(1);
      String paymentNo = shop.pay(order).payment().paymentNo();
      store.failures.set(Integer.MAX_VALUE);
      store.writes.set(0);

      assertThatThrownBy(
              () ->
                  shop.flow.handlePaymentResult(
                      FakeChannel.success(paymentNo, order.totalAmount())))
          .isInstanceOf(ConcurrentUpdateException.class);
      assertThat(store.writes).hasValue(64);
      assertThat(shop.record(order.orderNo()).order().status())
          .isEqualTo(OrderStatus.PENDING_PAYMENT);
    }
  }

  @Test
  void numberThatIsTakenIsDrawnAgainAtMostThreeTimes() {
    AtomicInteger draws = new AtomicInteger();
    OrderNumberGenerator repeating =
        new OrderNumberGenerator() {
          @Override
          public String newOrderNo() {
            int draw = draws.incrementAndGet();
            return draw <= 4 ? "SAME" : "OTHER" + draw;
          }

          @Override
          public String newPaymentNo(String orderNo, int attempt) {
            return orderNo + "P" + attempt;
          }

          @Override
          public String newRefundNo(String orderNo, int attempt) {
            return orderNo + "R" + attempt;
          }
        };
    try (PayFlow flow =
        PayFlow.builder()
            .inventory(new io.payflow.core.memory.InMemoryInventoryService().stock("SKU-1", 9))
            .priceCatalog(new io.payflow.core.memory.InMemoryPriceCatalog().price("SKU-1", 1_000))
            .channel(new FakeChannel())
            .numberGenerator(repeating)
            .build()) {
      CreateOrderRequest request =
          CreateOrderRequest.of(
              "u", java.util.List.of(new io.payflow.core.model.OrderLine("SKU-1", 1, 1_000)));
      assertThat(flow.createOrder(request).orderNo()).isEqualTo("SAME");

      assertThatThrownBy(() -> flow.createOrder(request)).isInstanceOf(PayFlowException.class);
      assertThat(draws).hasValue(4);
      assertThat(flow.createOrder(request).orderNo()).isEqualTo("OTHER5");
    }
  }
}
