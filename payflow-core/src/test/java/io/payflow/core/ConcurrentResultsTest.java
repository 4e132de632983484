package io.payflow.core;

import static io.payflow.core.testing.Shop.SKU;
import static io.payflow.core.testing.Shop.STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.event.LatePaymentReceived;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Duplicate and racing results: one consistent outcome, no lost or doubled stock. */
class ConcurrentResultsTest {

  private final Shop shop = new Shop(c -> c.refundLatePayments(true));
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
    shop.close();
  }

  private void runAll(List<Callable<Object>> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<Object> task : tasks) {
      futures.add(
          threads.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    for (Future<Object> f : futures) {
      f.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void hundredDuplicateSuccessResultsFromEightThreadsMakeExactlyOneTransition() throws Exception {
    Order order = shop.order(2);
    String paymentNo = shop.pay(order).payment().paymentNo();
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tasks.add(
          () -> {
            CallbackAnswer answer =
                shop.flow.handleCallback(
                    FakeChannel.ID,
                    shop.channel.signed(FakeChannel.success(paymentNo, order.totalAmount())));
            assertThat(answer.status()).isEqualTo(204);
            return answer;
          });
    }

    runAll(tasks);
    shop.settle();

    assertThat(shop.events.of(OrderStatusChanged.class))
        .filteredOn(e -> e.to() == OrderStatus.PAID)
        .hasSize(1);
    assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
    assertThat(shop.sms.delivered).hasSize(1);
    assertThat(shop.push.delivered).hasSize(1);
    assertThat(shop.fulfilled).hasSize(1);
    assertThat(shop.inventory.stock.sold(SKU)).isEqualTo(2);
  }

  @Test
  void successRacingFailureEndsInOneConsistentOutcomeWithoutLosingStock() throws Exception {
    shop.inventory.stock.stock(SKU, 100);
    long total = shop.inventory.total(SKU);
    for (int round = 0; round < 40; round++) {
      Order order = shop.order(1);
      String paymentNo = shop.pay(order).payment().paymentNo();

      runAll(
          List.of(
              () ->
                  shop.flow.handlePaymentResult(
                      FakeChannel.success(paymentNo, order.totalAmount())),
              () ->
                  shop.flow.handlePaymentResult(
                      FakeChannel.failure(paymentNo, order.totalAmount()))));
      shop.settle();

      var record = shop.record(order.orderNo());
      int confirms = shop.inventory.confirms(order.orderNo());
      int releases = shop.inventory.releases(order.orderNo());
      assertThat(confirms + releases)
          .as("round %d: stock settled exactly once", round)
          .isEqualTo(1);
      assertThat(record.payment(paymentNo).orElseThrow().status())
          .as("the money arrived, whatever came first")
          .isEqualTo(PaymentStatus.SUCCEEDED);
      if (confirms == 1) {
        assertThat(record.order().status()).isEqualTo(OrderStatus.FULFILLING);
      } else {
        // the failure won: the success that followed is a late payment, refunded
        assertThat(record.order().status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
        assertThat(record.refunds()).hasSize(1);
      }
      assertThat(shop.inventory.total(SKU)).isEqualTo(total);
    }
    long late = shop.events.of(LatePaymentReceived.class).size();
    long failed =
        shop.events.of(OrderStatusChanged.class).stream()
            .filter(e -> e.to() == OrderStatus.PAYMENT_FAILED)
            .count();
    assertThat(late).isEqualTo(failed);
  }

  @Test
  void resultArrivingBeforeThePrepayReturnsIsNotOverwritten() {
    Order order = shop.order(3);
    AtomicReference<CallbackAnswer> inside = new AtomicReference<>();
    var defaultPrepay = shop.channel.onPrepay;
    shop.channel.onPrepay =
        request -> {
          // WeChat's callback overtakes the prepay's own answer
          inside.set(
              shop.flow.handleCallback(
                  FakeChannel.ID,
                  shop.channel.signed(FakeChannel.success(request.paymentNo(), request.amount()))));
          return defaultPrepay.apply(request);
        };

    // no pay parameters for a payment that is paid already (issue 9: only a PREPAID one gets them)
    assertThatThrownBy(() -> shop.pay(order))
        .isInstanceOf(OrderNotPayableException.class)
        .hasMessageContaining("already SUCCEEDED");
    shop.settle();

    assertThat(inside.get().status()).isEqualTo(204);
    var record = shop.record(order.orderNo());
    assertThat(record.payments())
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED));
    assertThat(record.order().status()).isEqualTo(OrderStatus.FULFILLING);
    assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
    assertThat(shop.inventory.releases(order.orderNo())).isZero();
    assertThat(shop.inventory.total(SKU)).isEqualTo(STOCK);
  }
}
