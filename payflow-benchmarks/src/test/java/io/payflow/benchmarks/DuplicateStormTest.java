package io.payflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.OrderDetails;
import io.payflow.core.PayFlow;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.effect.EffectType;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.TradeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 4's promise, held as a test: 16 threads each deliver the success callback of every one
 * of 1,000 orders, in an order of their own, all at once; every order moves to PAID exactly once
 * and owes its stock confirmation exactly once.
 */
class DuplicateStormTest {

  private static final int ORDERS = 1_000;
  private static final int THREADS = 16;

  @Test
  void sixteenThreadsOfDuplicateCallbacksPayEachOrderExactlyOnce() throws Exception {
    // given 1,000 prepaid orders
    MutableClock clock = new MutableClock(Fixtures.START);
    QueueingExecutor effects = new QueueingExecutor();
    Map<String, AtomicInteger> paid = new ConcurrentHashMap<>();
    FakeChannel channel = new FakeChannel("fake", clock, null);
    PayFlow flow =
        Fixtures.flow(clock, new InMemoryOrderStore(), channel, effects, new SequenceNumbers("T"))
            .listener(
                e -> {
                  if (e instanceof OrderStatusChanged c && c.to() == OrderStatus.PAID) {
                    paid.computeIfAbsent(c.order().orderNo(), k -> new AtomicInteger())
                        .incrementAndGet();
                  }
                })
            .build();
    List<String> paymentNos = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      Order order = flow.createOrder(Fixtures.ORDER);
      paymentNos.add(
          flow.startPayment(
                  new StartPaymentRequest(
                      order.orderNo(), channel.id(), TradeType.NATIVE, null, null))
              .payment()
              .paymentNo());
    }

    // when 16 threads deliver every order's callback at once, each in its own order
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> refused = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<String> mine = new ArrayList<>(paymentNos);
      Collections.shuffle(mine, new Random(t));
      refused.add(
          pool.submit(
              () -> {
                go.await();
                int notAcknowledged = 0;
                for (String paymentNo : mine) {
                  CallbackAnswer answer =
                      flow.handleCallback(channel.id(), new CallbackRequest(paymentNo, Map.of()));
                  if (answer.status() != 204) {
                    notAcknowledged++;
                  }
                }
                return notAcknowledged;
              }));
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    // then every callback was acknowledged and every order paid exactly once
    for (Future<Integer> f : refused) {
      assertThat(f.get()).isZero();
    }
    assertThat(paid).hasSize(ORDERS);
    assertThat(paid.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    for (int i = 0; i < ORDERS; i++) {
      OrderDetails details = flow.find(SequenceNumbers.orderNo("T", i)).orElseThrow();
      assertThat(details.order().status()).isEqualTo(OrderStatus.PAID);
      assertThat(details.effects())
          .filteredOn(e -> e.type() == EffectType.CONFIRM_STOCK)
          .hasSize(1);
    }
    flow.close();
  }
}
