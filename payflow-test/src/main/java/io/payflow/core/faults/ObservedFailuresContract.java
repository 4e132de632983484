package io.payflow.core.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.effect.Effect;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.event.EffectDead;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.TimeBasedNumberGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The eight failures observed under faults and across instances (issue 9), each as the history that
 * showed it. Every one ends by letting the shop settle and checking every invariant. Extend it with
 * the store and inventory under test.
 */
public abstract class ObservedFailuresContract extends FaultHarness {

  private static final Duration WAIT = Duration.ofSeconds(10);

  // 1 ------------------------------------------------------------------------------------------

  @Test
  void stockIsNeverLeftReservedForAnOrderThatWasNotStored() {
    record Case(Boundary boundary, FaultKind kind) {}
    for (Case c :
        List.of(
            new Case(Boundary.INVENTORY_RESERVE, FaultKind.THROW_AFTER),
            new Case(Boundary.INVENTORY_RESERVE, FaultKind.CRASH_AFTER),
            new Case(Boundary.STORE_INSERT, FaultKind.CRASH_BEFORE),
            new Case(Boundary.STORE_INSERT, FaultKind.THROW_BEFORE))) {
      try (FaultWorld w = world(1, b -> b)) {
        w.faults.arm(c.boundary(), c.kind());

        w.call(0, "createOrder", f -> f.createOrder(request(2, Duration.ofMinutes(30))));
        boolean settled = w.settle();

        assertThat(w.faults.fired()).as("%s", c).hasSize(1);
        assertThat(w.stock.units(FaultWorld.SKU, StockLedger.State.RESERVED))
            .as("%s: units still reserved after every sweep", c)
            .isZero();
        assertThat(InvariantChecker.check(w)).as("%s", c).isEmpty();
        assertThat(settled).isTrue();
      }
    }
  }

  /** Found by the generated histories: expiry may close an order while its stock is reserved. */
  @Test
  void anOrderThatExpiresWhileItsStockIsBeingReservedHoldsNoStock() {
    try (FaultWorld w = world(2, b -> b)) {
      AtomicInteger reserves = new AtomicInteger();
      w.faults.hook(
          (boundary, node, key) -> {
            if (boundary == Boundary.INVENTORY_RESERVE && reserves.incrementAndGet() == 1) {
              // the reservation is slow: the order expires and another instance closes it first
              w.clock.advance(Duration.ofSeconds(2));
              w.call(1, "closeExpiredOrders", f -> f.closeExpiredOrders());
            }
          });

      FaultWorld.Outcome created =
          w.call(0, "createOrder", f -> f.createOrder(request(1, Duration.ofSeconds(1))));
      w.faults.hook((boundary, node, key) -> {});
      w.settle();

      assertThat(created).isEqualTo(FaultWorld.Outcome.REFUSED);
      assertThat(w.stock.units(FaultWorld.SKU, StockLedger.State.RESERVED)).isZero();
      assertThat(InvariantChecker.check(w)).isEmpty();
    }
  }

  // 2 ------------------------------------------------------------------------------------------

  @Test
  void anExpiryBeyondAnyDateOrAUnicodeBlankUserIsRefusedByNameWithNothingReserved() {
    try (FaultWorld w = world(1, b -> b)) {
      for (Duration expireAfter :
          List.of(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(365 * 1000L))) {
        assertThatThrownBy(() -> w.node(0).flow().createOrder(request(1, expireAfter)))
            .isInstanceOf(InvalidRequestException.class)
            .extracting(e -> ((InvalidRequestException) e).field())
            .isEqualTo("expireAfter");
      }
      for (String blank : List.of("\u00A0\u2003", "\u3000", "\u200B", "\u2002\u00A0\u200B")) {
        assertThatThrownBy(
                () ->
                    w.node(0)
                        .flow()
                        .createOrder(
                            CreateOrderRequest.of(
                                blank,
                                List.of(new OrderLine(FaultWorld.SKU, 1, FaultWorld.PRICE)))))
            .as("user id %s", blank.codePoints().mapToObj(Integer::toHexString).toList())
            .isInstanceOf(InvalidRequestException.class)
            .extracting(e -> ((InvalidRequestException) e).field())
            .isEqualTo("userId");
      }

      assertThat(w.stock.entries()).as("nothing reserved").isEmpty();
      assertThat(w.orderNos()).allSatisfy(no -> assertThat(w.store.load(no)).isEmpty());
      assertThat(w.notes()).isEmpty();
    }
  }

  // 3 ------------------------------------------------------------------------------------------

  @Test
  void aPaymentThatTheChannelCannotFindWhileItsPrepayIsInFlightIsAppliedWhenPaid()
      throws Exception {
    try (FaultWorld w = world(2, b -> b)) {
      Order order = w.node(0).flow().createOrder(request(1, Duration.ofMinutes(30)));
      CountDownLatch inFlight = new CountDownLatch(1);
      CountDownLatch arrive = new CountDownLatch(1);
      w.channel.beforePrepay =
          r -> {
            inFlight.countDown();
            await(arrive);
          };
      AtomicReference<Object> started = new AtomicReference<>();
      Thread buyer =
          new Thread(
              () -> {
                try {
                  started.set(w.node(0).flow().startPayment(jsapi(order.orderNo())));
                } catch (RuntimeException e) {
                  started.set(e);
                }
              });
      buyer.start();
      await(inFlight);

      // another instance reconciles while the prepay is still on its way to the channel
      w.clock.advance(w.config.reconcileQueryAfter().plusMinutes(1));
      w.call(1, "reconcilePayments", f -> f.reconcilePayments());
      arrive.countDown();
      buyer.join(WAIT.toMillis());
      w.channel.beforePrepay = r -> {};

      if (started.get() instanceof PaymentStart start) {
        assertThat(start.payment().status().name())
            .as("pay parameters are only handed out for a PREPAID payment")
            .isEqualTo("PREPAID");
      }
      // the buyer pays with whatever they got; the channel calls back
      w.channel.paymentsOf(order.orderNo()).forEach(p -> w.channel.payerPays(p.paymentNo()));
      deliverAll(w, 0);
      w.settle();

      assertThat(InvariantChecker.check(w)).isEmpty();
    }
  }

  /** Found by the generated histories: a close that meets "not found" is not a close. */
  @Test
  void aPaymentTheChannelDidNotKnowWhenTheOrderWasCancelledIsClosedThereOnceItsPrepayLands()
      throws Exception {
    try (FaultWorld w = world(2, b -> b)) {
      Order order = w.node(0).flow().createOrder(request(1, Duration.ofMinutes(30)));
      CountDownLatch prepayMayLand = new CountDownLatch(1);
      CountDownLatch paymentStarted = new CountDownLatch(1);
      w.channel.beforePrepay = r -> await(prepayMayLand);
      AtomicInteger cancelWrites = new AtomicInteger();
      CountDownLatch prepayLeaves = new CountDownLatch(1);
      w.faults.hook(
          (boundary, node, key) -> {
            if (boundary == Boundary.CHANNEL_PREPAY) {
              prepayLeaves.countDown();
            }
            // the cancel closed at the channel (not found: the prepay is still on its way); before
            // it writes the order closed, the prepay lands and its answer is stored
            if (boundary == Boundary.STORE_UPDATE
                && node == 1
                && cancelWrites.incrementAndGet() == 1) {
              prepayMayLand.countDown();
              await(paymentStarted);
            }
          });
      Thread buyer =
          new Thread(
              () -> {
                w.call(0, "startPayment", f -> f.startPayment(jsapi(order.orderNo())));
                paymentStarted.countDown();
              });
      buyer.start();
      await(prepayLeaves); // the payment is stored CREATED, its prepay on its way

      w.call(1, "cancel", f -> f.cancel(order.orderNo(), "不要了"));
      buyer.join(WAIT.toMillis());
      w.faults.hook((boundary, node, key) -> {});
      w.channel.beforePrepay = r -> {};
      w.settle();

      assertThat(w.store.load(order.orderNo()).orElseThrow().order().status().name())
          .isEqualTo("CLOSED");
      assertThat(w.channel.paymentsOf(order.orderNo()))
          .allSatisfy(p -> assertThat(p.state()).isEqualTo(SimulatedChannel.TradeState.CLOSED));
      assertThat(InvariantChecker.check(w)).isEmpty();
    }
  }

  // 4 ------------------------------------------------------------------------------------------

  @Test
  void aCollidingOrderNumberNeverFreesTheStockOfTheOrderThatHoldsIt() throws Exception {
    try (FaultWorld w = world(2, b -> b, Colliding::new)) {
      CountDownLatch atInsert = new CountDownLatch(1);
      CountDownLatch goOn = new CountDownLatch(1);
      AtomicInteger inserts = new AtomicInteger();
      w.faults.hook(
          (boundary, node, key) -> {
            if (boundary == Boundary.STORE_INSERT && node == 0 && inserts.incrementAndGet() == 1) {
              atInsert.countDown();
              await(goOn);
            }
          });
      Thread first =
          new Thread(
              () ->
                  w.call(0, "createOrder", f -> f.createOrder(request(2, Duration.ofMinutes(30)))));
      first.start();
      await(atInsert);

      // the second instance draws the same number meanwhile
      w.call(1, "createOrder", f -> f.createOrder(request(1, Duration.ofMinutes(30))));
      goOn.countDown();
      first.join(WAIT.toMillis());

      // whichever order holds the number is paid
      OrderRecord holder = w.store.load(Colliding.NUMBER).orElseThrow();
      w.call(1, "startPayment", f -> f.startPayment(jsapi(holder.order().orderNo())));
      w.channel.paymentsOf(Colliding.NUMBER).forEach(p -> w.channel.payerPays(p.paymentNo()));
      deliverAll(w, 1);
      w.settle();

      assertThat(w.store.load(Colliding.NUMBER).orElseThrow().order().status().name())
          .isIn(InvariantChecker.PAID);
      assertThat(InvariantChecker.check(w)).isEmpty();
    }
  }

  /** Hands out the same order number twice, as two instances' generators may. */
  static final class Colliding implements OrderNumberGenerator {
    static final String NUMBER = "20260101080000COLLIDE";
    private final OrderNumberGenerator unique;
    private final AtomicInteger drawn = new AtomicInteger();

    Colliding(Clock clock) {
      this.unique = new TimeBasedNumberGenerator(clock);
    }

    @Override
    public String newOrderNo() {
      return drawn.incrementAndGet() <= 2 ? NUMBER : unique.newOrderNo();
    }

    @Override
    public String newPaymentNo(String orderNo, int attempt) {
      return unique.newPaymentNo(orderNo, attempt);
    }

    @Override
    public String newRefundNo(String orderNo, int attempt) {
      return unique.newRefundNo(orderNo, attempt);
    }
  }

  // 5 ------------------------------------------------------------------------------------------

  @Test
  void aRunnerWhoseLeaseEndedCannotCompleteRetryOrParkTheEffectAnotherRunnerTookOver()
      throws Exception {
    try (FaultWorld w = world(2, b -> b)) {
      Order order = paidOrderWaitingForEffects(w);
      CountDownLatch slow = new CountDownLatch(1);
      CountDownLatch fail = new CountDownLatch(1);
      w.faults.hook(
          (boundary, node, key) -> {
            if (boundary == Boundary.NOTIFIER_SMS && node == 0) {
              slow.countDown();
              await(fail);
              throw new InjectedFault("the slow SMS gateway finally failed");
            }
          });
      w.channel.paymentsOf(order.orderNo()).forEach(p -> w.channel.payerPays(p.paymentNo()));
      deliverAll(w, 0); // instance 0 applies the success and starts its effects
      await(slow);

      // the SMS outlives its lease; instance 1 takes the effect over and sends it
      w.clock.advance(w.config.effectLease().plusMinutes(1));
      w.call(1, "runDueEffects", f -> f.runDueEffects());
      fail.countDown(); // the stale runner's attempt ends in a failure it then tries to record
      w.awaitEffects();
      w.faults.hook((boundary, node, key) -> {});
      w.settle();

      List<DeliveryLedger.Delivery> sms =
          w.deliveries.deliveries().stream()
              .filter(d -> d.notifier.equals("sms") && d.orderNo.equals(order.orderNo()))
              .toList();
      assertThat(sms).as("delivered by the runner that took over, once").hasSize(1);
      assertThat(InvariantChecker.check(w)).isEmpty();
    }
  }

  // 6 ------------------------------------------------------------------------------------------

  @Test
  void aRefundWhoseCallbackIsLostIsSettledByAskingTheChannel() {
    try (FaultWorld w = world(1, b -> b)) {
      Order order = paidOrderWaitingForEffects(w);
      w.channel.paymentsOf(order.orderNo()).forEach(p -> w.channel.payerPays(p.paymentNo()));
      deliverAll(w, 0);
      w.awaitEffects();
      w.call(0, "refund", f -> f.refund(order.orderNo(), 500, "退一部分"));
      w.awaitEffects();
      assertThat(w.channel.refunds()).hasSize(1);

      w.channel.settleRefunds();
      for (CallbackRequest cb : w.channel.outbox()) {
        if (w.channel.event(cb).orElseThrow() instanceof CallbackEvent.RefundNotified) {
          w.channel.remove(cb); // lost for good
        }
      }
      w.settle();

      OrderRecord after = w.store.load(order.orderNo()).orElseThrow();
      assertThat(after.order().status().name()).isEqualTo("PARTIALLY_REFUNDED");
      assertThat(after.refunds())
          .singleElement()
          .satisfies(r -> assertThat(r.status().name()).isEqualTo("SUCCEEDED"));
      assertThat(InvariantChecker.check(w)).isEmpty();
    }
  }

  // 7 ------------------------------------------------------------------------------------------

  @Test
  void anEffectWhoseHandlerThrowsAnErrorCountsEachAttemptAndEndsDead() {
    try (FaultWorld w = world(1, b -> b)) {
      w.faults.hook(
          (boundary, node, key) -> {
            if (boundary == Boundary.FULFILLMENT) {
              throw new NoClassDefFoundError("com/example/shipping/Client");
            }
          });
      Order order = paidOrderWaitingForEffects(w);
      w.channel.paymentsOf(order.orderNo()).forEach(p -> w.channel.payerPays(p.paymentNo()));
      deliverAll(w, 0);
      w.awaitEffects();
      for (int i = 0; i < w.config.effectMaxAttempts() + 2; i++) {
        w.clock.advance(w.config.effectLease().plus(w.config.effectMaxBackoff()));
        w.call(0, "runDueEffects", f -> f.runDueEffects());
        w.awaitEffects();
      }

      Effect fulfilment =
          w.store.findEffects(order.orderNo()).stream()
              .filter(e -> e.type().name().equals("START_FULFILLMENT"))
              .findFirst()
              .orElseThrow();
      assertThat(fulfilment.status().name()).isEqualTo("DEAD");
      assertThat(fulfilment.attempts()).isEqualTo(w.config.effectMaxAttempts());
      assertThat(w.events.of(EffectDead.class))
          .anySatisfy(e -> assertThat(e.effect().id()).isEqualTo(fulfilment.id()));
    }
  }

  // 8 ------------------------------------------------------------------------------------------

  @Test
  void reconciliationIsClaimedSoInstancesShareItAndStuckPaymentsDoNotStarveNewerOnes() {
    try (FaultWorld w = world(2, b -> b.batchSize(2))) {
      Set<String> stuck = ConcurrentHashMap.newKeySet();
      Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
      w.faults.hook(
          (boundary, node, key) -> {
            if (boundary == Boundary.CHANNEL_QUERY) {
              queries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
              if (stuck.contains(key)) {
                throw new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "系统繁忙");
              }
            }
          });
      String[] paymentNos = new String[3];
      String[] orderNos = new String[3];
      for (int i = 0; i < 3; i++) {
        Order o = w.node(0).flow().createOrder(request(1, Duration.ofHours(2)));
        orderNos[i] = o.orderNo();
        paymentNos[i] = w.node(0).flow().startPayment(jsapi(o.orderNo())).payment().paymentNo();
        w.clock.advance(Duration.ofSeconds(1));
      }
      stuck.add(paymentNos[0]);
      stuck.add(paymentNos[1]);
      w.channel.payerPays(paymentNos[2]);
      w.channel.outbox().forEach(w.channel::remove); // its callback is lost
      w.clock.advance(w.config.reconcileQueryAfter().plusMinutes(1));

      w.call(0, "reconcilePayments", f -> f.reconcilePayments());
      w.call(1, "reconcilePayments", f -> f.reconcilePayments());
      w.awaitEffects();

      assertThat(w.store.load(orderNos[2]).orElseThrow().order().status().name())
          .as("the newer payment is reached despite two older stuck ones")
          .isIn(InvariantChecker.PAID);
      assertThat(queries.get(paymentNos[0]).get()).as("claimed by one instance only").isEqualTo(1);
      assertThat(queries.get(paymentNos[1]).get()).as("claimed by one instance only").isEqualTo(1);
    }
  }

  @Test
  void expiryIsClaimedSoInstancesShareItAndStuckOrdersDoNotStarveNewerOnes() {
    try (FaultWorld w = world(2, b -> b.batchSize(2))) {
      Set<String> stuck = ConcurrentHashMap.newKeySet();
      Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();
      w.faults.hook(
          (boundary, node, key) -> {
            if (boundary == Boundary.CHANNEL_CLOSE) {
              closes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
              if (stuck.contains(key)) {
                throw new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "系统繁忙");
              }
            }
          });
      String[] orderNos = new String[3];
      for (int i = 0; i < 3; i++) {
        Order o = w.node(0).flow().createOrder(request(1, Duration.ofMinutes(30)));
        orderNos[i] = o.orderNo();
        String paymentNo = w.node(0).flow().startPayment(jsapi(o.orderNo())).payment().paymentNo();
        if (i < 2) {
          stuck.add(paymentNo);
        }
        w.clock.advance(Duration.ofSeconds(1));
      }
      w.clock.advance(Duration.ofMinutes(31));

      w.call(0, "closeExpiredOrders", f -> f.closeExpiredOrders());
      w.call(1, "closeExpiredOrders", f -> f.closeExpiredOrders());
      w.awaitEffects();

      assertThat(w.store.load(orderNos[2]).orElseThrow().order().status().name())
          .as("the newer order is reached despite two older stuck ones")
          .isEqualTo("CLOSED");
      assertThat(closes.values())
          .as("each stuck order tried by one instance only")
          .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
  }

  // ------------------------------------------------------------------------------------------

  static CreateOrderRequest request(int units, Duration expireAfter) {
    return new CreateOrderRequest(
        "buyer-1",
        List.of(new OrderLine(FaultWorld.SKU, units, FaultWorld.PRICE)),
        null,
        expireAfter);
  }

  static StartPaymentRequest jsapi(String orderNo) {
    return new StartPaymentRequest(orderNo, SimulatedChannel.ID, TradeType.JSAPI, "openid-1", null);
  }

  /** An order created and prepaid through instance 0, not paid yet. */
  private static Order paidOrderWaitingForEffects(FaultWorld w) {
    Order order = w.node(0).flow().createOrder(request(1, Duration.ofMinutes(30)));
    w.node(0).flow().startPayment(jsapi(order.orderNo()));
    return order;
  }

  private static void deliverAll(FaultWorld w, int slot) {
    for (CallbackRequest cb : w.channel.outbox()) {
      if (w.deliver(slot, cb)) {
        w.channel.remove(cb);
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("the other side never got there");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
