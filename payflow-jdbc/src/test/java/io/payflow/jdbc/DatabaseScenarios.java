package io.payflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.payflow.core.PaymentStart;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * payflow end to end on a real database: a hot sku bought by 16 threads at once, a restart in the
 * middle of an order. Each database runs it through a subclass.
 */
abstract class DatabaseScenarios {

  /** The database of the subclass, a static {@code @RegisterExtension}. */
  abstract JdbcTestDatabase db();

  @Test
  void sixteenThreadsBuyingOneHotSkuSellExactlyTheStockAndRefuseTheRest() throws Exception {
    // given 1,000 units of one sku and 16 buyers placing 100 one-unit orders each, all at once
    db().clear();
    int threads = 16;
    int ordersPerThread = 100;
    long units = 1_000;
    try (HikariDataSource pool = db().newPool();
        JdbcShop shop = new JdbcShop(db().config(pool), JdbcShop.clock())) {
      shop.inventory.setStock(JdbcShop.SKU, units);
      ExecutorService buyers = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Object>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<Object>> buyer =
            () -> {
              go.await();
              List<Object> outcomes = new ArrayList<>();
              for (int i = 0; i < ordersPerThread; i++) {
                try {
                  outcomes.add(shop.order(1));
                } catch (RuntimeException e) {
                  outcomes.add(e);
                }
              }
              return outcomes;
            };
        results.add(buyers.submit(buyer));
      }

      // when
      go.countDown();
      List<Order> sold = new ArrayList<>();
      List<Throwable> refused = new ArrayList<>();
      for (Future<List<Object>> f : results) {
        for (Object outcome : f.get(5, TimeUnit.MINUTES)) {
          if (outcome instanceof Order o) {
            sold.add(o);
          } else {
            refused.add((Throwable) outcome);
          }
        }
      }
      buyers.shutdown();
      for (Order o : sold) {
        shop.inventory.confirm(o.orderNo());
      }

      // then exactly the stock was sold, and every other buyer was told 库存不足
      assertThat(sold).hasSize(1_000);
      assertThat(refused)
          .hasSize(threads * ordersPerThread - 1_000)
          .allSatisfy(e -> assertThat(e).isInstanceOf(InsufficientStockException.class));
      assertThat(shop.inventory.stock(JdbcShop.SKU))
          .isEqualTo(new StockLevel(JdbcShop.SKU, 0, 0, 1_000));
      assertThat(
              db().queryLong(
                      "SELECT COUNT(*) FROM "
                          + db().tablePrefix()
                          + "reservations WHERE status = ?",
                      ReservationState.CONFIRMED.name()))
          .isEqualTo(1_000);
      System.out.printf(
          "hot sku on %s: %d sold, %d refused with insufficient stock, stock %s%n",
          db().kind(), sold.size(), refused.size(), shop.inventory.stock(JdbcShop.SKU));
    }
  }

  @Test
  void anOrderPaidBeforeACrashFinishesAfterTheRestartOnANewPool() {
    // given an order paid on one instance, which died before it ran any effect
    db().clear();
    MutableClock clock = JdbcShop.clock();
    String orderNo;
    try (HikariDataSource pool = db().newPool();
        JdbcShop before = new JdbcShop(db().config(pool), clock, JdbcShop.crashing())) {
      before.inventory.setStock(JdbcShop.SKU, 10);
      Order order = before.order(2);
      orderNo = order.orderNo();
      PaymentStart start = before.pay(order);
      before.succeed(start.payment());
    }

    // when the application starts again on a new pool, and the dead runner's leases run out
    try (HikariDataSource pool = db().newPool();
        JdbcShop after = new JdbcShop(db().config(pool), clock)) {
      assertThat(after.store.load(orderNo))
          .hasValueSatisfying(r -> assertThat(r.order().status()).isEqualTo(OrderStatus.PAID));
      assertThat(after.inventory.reservation(orderNo)).contains(ReservationState.RESERVED);
      assertThat(after.store.findEffects(orderNo))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.status()).isNotEqualTo(EffectStatus.DONE));
      clock.advance(Duration.ofMinutes(6));
      runEffectsUntilQuiet(after);

      // then everything the payment owed happened, once
      assertThat(after.inventory.reservation(orderNo)).contains(ReservationState.CONFIRMED);
      assertThat(after.inventory.stock(JdbcShop.SKU))
          .isEqualTo(new StockLevel(JdbcShop.SKU, 8, 0, 2));
      assertThat(after.sms.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
      assertThat(after.store.findEffects(orderNo))
          .extracting(Effect::status)
          .containsOnly(EffectStatus.DONE);
      assertThat(after.store.load(orderNo).orElseThrow().order().status())
          .isEqualTo(OrderStatus.FULFILLING);
    }
  }

  @Test
  void anUnpaidOrderLeftByAStoppedApplicationExpiresAfterTheRestartAndGivesItsStockBack() {
    // given an order created, then the application stopped
    db().clear();
    MutableClock clock = JdbcShop.clock();
    String orderNo;
    try (HikariDataSource pool = db().newPool();
        JdbcShop before = new JdbcShop(db().config(pool), clock)) {
      before.inventory.setStock(JdbcShop.SKU, 10);
      orderNo = before.order(3).orderNo();
      before.settle();
    }

    // when it starts again after the order's expiry
    try (HikariDataSource pool = db().newPool();
        JdbcShop after = new JdbcShop(db().config(pool), clock)) {
      assertThat(after.inventory.reservation(orderNo)).contains(ReservationState.RESERVED);
      clock.advance(Duration.ofMinutes(31));
      after.flow.closeExpiredOrders();
      runEffectsUntilQuiet(after);

      // then the order is closed and its units are for sale again
      assertThat(after.store.load(orderNo).orElseThrow().order().status())
          .isEqualTo(OrderStatus.CLOSED);
      assertThat(after.inventory.reservation(orderNo)).contains(ReservationState.RELEASED);
      assertThat(after.inventory.stock(JdbcShop.SKU))
          .isEqualTo(new StockLevel(JdbcShop.SKU, 10, 0, 0));
    }
  }

  private static void runEffectsUntilQuiet(JdbcShop shop) {
    for (int round = 0; round < 10; round++) {
      shop.settle();
      if (shop.flow.runDueEffects() == 0) {
        shop.settle();
        return;
      }
    }
    throw new AssertionError("effects kept coming after 10 rounds");
  }
}
