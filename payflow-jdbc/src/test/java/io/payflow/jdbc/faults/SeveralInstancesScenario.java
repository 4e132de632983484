package io.payflow.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.faults.FaultWorld;
import io.payflow.core.faults.InvariantChecker;
import io.payflow.core.faults.SimulatedChannel;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.OrderStore;
import io.payflow.jdbc.JdbcOrderStore;
import io.payflow.jdbc.JdbcTestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Four {@code PayFlow} instances over one database, each on its own thread and its own pool: 1,000
 * orders, payments paid, declined or left to expire, every success callback delivered to two random
 * instances (a duplicate), expiry, reconciliation and effect sweeps on all four at once, instances
 * crashed mid-run and replaced by a fresh {@code PayFlow} over a new pool. Then the shop settles
 * and every invariant of the fault harness is checked, and no claim (a due item with its attempt,
 * an effect with its token) was handed out twice. Not threadsafe; one run at a time.
 */
final class SeveralInstancesScenario {

  static final int INSTANCES = 4;
  static final int ORDERS = 1_000;
  private static final int PER_INSTANCE = ORDERS / INSTANCES;
  private static final String INSTANCE_THREAD = "instance-";
  private static final String EFFECT_THREAD = "payflow-node ";

  /** What one run came to. */
  record Figures(
      int orders,
      int duplicateCallbacks,
      int crashes,
      int dueWorkClaims,
      int effectClaims,
      List<String> violations,
      List<String> doubleClaims) {}

  private final JdbcTestDatabase db;
  private final AtomicReferenceArray<OrderStore> pools = new AtomicReferenceArray<>(INSTANCES);
  private final Map<String, String> dueClaims = new ConcurrentHashMap<>();
  private final Map<String, String> effectClaims = new ConcurrentHashMap<>();
  private final List<String> doubleClaims =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger crashes = new AtomicInteger();

  SeveralInstancesScenario(JdbcTestDatabase db) {
    this.db = db;
  }

  Figures run(long seed) throws InterruptedException {
    var fresh = db.freshStores();
    stockUp(fresh.inventory());
    for (int i = 0; i < INSTANCES; i++) {
      pools.set(i, JdbcOrderStore.create(db.config(db.newPool())));
    }
    Map<String, Long> stock = Map.of(FaultWorld.SKU, 1_000_000L, FaultWorld.SKU_2, 1_000_000L);
    try (FaultWorld w =
        new FaultWorld(
            new FaultWorld.Setup(
                routing(),
                fresh.inventory(),
                stock,
                PostgresFaultHarness.view(fresh.inventory()),
                INSTANCES,
                b -> b,
                null))) {
      CountDownLatch start = new CountDownLatch(1);
      AtomicReference<Throwable> broken = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        int slot = i;
        Thread t =
            new Thread(
                () -> {
                  try {
                    start.await();
                    lane(w, slot, new Random(seed * 31 + slot));
                  } catch (Throwable e) {
                    broken.compareAndSet(null, e);
                  }
                },
                INSTANCE_THREAD + slot);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      start.countDown();
      for (Thread t : threads) {
        t.join(TimeUnit.MINUTES.toMillis(3));
        assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse();
      }
      assertThat(broken.get()).isNull();
      boolean settled = w.settle();
      List<String> violations = new ArrayList<>(InvariantChecker.check(w));
      if (!settled) {
        violations.add("the shop did not settle");
      }
      return new Figures(
          w.orderNos().size(),
          duplicates.get(),
          crashes.get(),
          dueClaims.size(),
          effectClaims.size(),
          violations,
          List.copyOf(doubleClaims));
    }
  }

  private static void stockUp(io.payflow.jdbc.JdbcInventoryService inventory) {
    inventory.setStock(FaultWorld.SKU, 1_000_000L);
    inventory.setStock(FaultWorld.SKU_2, 1_000_000L);
  }

  /** One instance's work: its share of the orders, with sweeps, callbacks, time and crashes. */
  private void lane(FaultWorld w, int slot, Random random) {
    for (int n = 0; n < PER_INSTANCE; n++) {
      List<OrderLine> lines =
          n % 3 == 0
              ? List.of(
                  new OrderLine(FaultWorld.SKU, 1, FaultWorld.PRICE),
                  new OrderLine(FaultWorld.SKU_2, 1, FaultWorld.PRICE_2))
              : List.of(new OrderLine(FaultWorld.SKU, 1 + random.nextInt(3), FaultWorld.PRICE));
      String[] orderNo = new String[1];
      int payer = n;
      w.call(
          slot,
          "createOrder",
          f -> {
            orderNo[0] =
                f.createOrder(
                        new CreateOrderRequest(
                            "buyer-" + slot, lines, null, Duration.ofMinutes(30)))
                    .orderNo();
            return orderNo[0];
          });
      if (orderNo[0] != null) {
        w.call(
            slot,
            "startPayment",
            f ->
                f.startPayment(
                    new StartPaymentRequest(
                        orderNo[0],
                        SimulatedChannel.ID,
                        TradeType.JSAPI,
                        "openid-" + payer,
                        null)));
        int fate = random.nextInt(10);
        for (SimulatedChannel.ChannelPayment p : w.channel.paymentsOf(orderNo[0])) {
          if (fate < 7
              ? w.channel.payerPays(p.paymentNo())
              : fate < 8 && w.channel.payerFails(p.paymentNo())) {
            break;
          }
        }
      }
      if (n % 3 == 0) {
        deliverSomeCallbacks(w, random);
      }
      if (n % 10 == slot) {
        w.call(slot, "closeExpiredOrders", PayFlow::closeExpiredOrders);
        w.call(slot, "reconcilePayments", PayFlow::reconcilePayments);
        w.call(slot, "reconcileRefunds", PayFlow::reconcileRefunds);
        w.call(slot, "runDueEffects", PayFlow::runDueEffects);
      }
      if (slot == 0 && n % 5 == 0) {
        w.clock.advance(Duration.ofMinutes(1));
      }
      if (n % 80 == 40 + 10 * slot && slot != 3) {
        crash(w, slot);
      }
    }
  }

  /** The channel delivers up to 3 owed callbacks, each to two random instances. */
  private void deliverSomeCallbacks(FaultWorld w, Random random) {
    List<CallbackRequest> owed = w.channel.outbox();
    for (int k = 0; k < Math.min(3, owed.size()); k++) {
      CallbackRequest cb = owed.get(random.nextInt(owed.size()));
      boolean first = w.deliver(random.nextInt(INSTANCES), cb);
      boolean second = w.deliver(random.nextInt(INSTANCES), cb);
      duplicates.incrementAndGet();
      if (first || second) {
        w.channel.remove(cb);
      }
    }
  }

  /** Crashes this instance wherever its threads are; its successor gets a new pool. */
  private void crash(FaultWorld w, int slot) {
    w.crash(slot);
    pools.set(slot, JdbcOrderStore.create(db.config(db.newPool())));
    crashes.incrementAndGet();
  }

  /**
   * The store every instance sees: each call goes to the pool of the instance whose thread makes it
   * (the settling main thread uses instance 0's), and every claim it hands out is recorded.
   */
  private OrderStore routing() {
    return (OrderStore)
        Proxy.newProxyInstance(
            OrderStore.class.getClassLoader(),
            new Class<?>[] {OrderStore.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, args);
              }
              String thread = Thread.currentThread().getName();
              Object result;
              try {
                result = method.invoke(pools.get(slotOf(thread)), args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              switch (method.getName()) {
                case "claimDueWork" -> {
                  for (Object o : (List<?>) result) {
                    DueWork d = (DueWork) o;
                    record(dueClaims, d.kind() + "/" + d.key() + "/" + d.attempts(), thread);
                  }
                }
                case "claimDueEffects", "claimEffects" -> {
                  for (Object o : (List<?>) result) {
                    ClaimedEffect c = (ClaimedEffect) o;
                    record(effectClaims, c.effect().id() + "/" + c.token(), thread);
                  }
                }
                default -> {}
              }
              return result;
            });
  }

  private void record(Map<String, String> claims, String claim, String thread) {
    String earlier = claims.putIfAbsent(claim, thread);
    if (earlier != null) {
      doubleClaims.add(claim + " claimed by " + earlier + " and again by " + thread);
    }
  }

  private static int slotOf(String thread) {
    if (thread.startsWith(INSTANCE_THREAD)) {
      return thread.charAt(INSTANCE_THREAD.length()) - '0';
    }
    if (thread.startsWith(EFFECT_THREAD)) {
      return thread.charAt(EFFECT_THREAD.length()) - '0';
    }
    return 0;
  }
}
