package io.payflow.core.faults;

import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.effect.Effect;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.TimeBasedNumberGenerator;
import io.payflow.core.testing.MutableClock;
import io.payflow.core.testing.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One shop under test: a store, an inventory and a simulated channel shared by several {@code
 * PayFlow} instances ({@link Node}s), each behind its own fault wrappers, a controllable clock,
 * ledgers of stock and deliveries, and the events of every instance. A crashed instance is replaced
 * by a fresh one over the same shared parts. {@link #settle()} runs the sweeps and redelivers the
 * channel's callbacks until nothing moves; {@link InvariantChecker} then judges the result.
 *
 * <p>Threadsafe: the instances are driven from several threads at once.
 */
public final class FaultWorld implements AutoCloseable {

  public static final String SKU = "SKU-1";
  public static final String SKU_2 = "SKU-2";
  public static final long PRICE = 1_000;
  public static final long PRICE_2 = 2_500;
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  public final MutableClock clock = new MutableClock(START);
  public final OrderStore store;
  public final StockLedger stock;
  public final @Nullable StockView stockView;
  public final SimulatedChannel channel = new SimulatedChannel(clock);
  public final DeliveryLedger deliveries = new DeliveryLedger();
  public final RecordingListener events = new RecordingListener();
  public final FaultPlan faults = new FaultPlan();
  public final PayFlowConfig config;
  final Issued numbers;
  private final InMemoryPriceCatalog catalog =
      new InMemoryPriceCatalog().price(SKU, PRICE).price(SKU_2, PRICE_2);
  private final Notifier sms = deliveries.notifier("sms", Notifier.Audience.USER);
  private final Notifier push = deliveries.notifier("push", Notifier.Audience.FRONTEND);
  private final FulfillmentService fulfilment = deliveries.fulfilment();
  private final Node[] slots;
  private final List<Node> all = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final AtomicInteger crashes = new AtomicInteger();

  /** How to build a world. */
  public record Setup(
      OrderStore store,
      InventoryService inventory,
      Map<String, Long> stock,
      @Nullable StockView stockView,
      int nodes,
      UnaryOperator<PayFlowConfig.Builder> config,
      @Nullable Function<java.time.Clock, OrderNumberGenerator> numbers) {}

  public FaultWorld(Setup setup) {
    this.store = setup.store();
    this.stock = new StockLedger(setup.inventory(), setup.stock());
    this.stockView = setup.stockView();
    this.config =
        setup
            .config()
            .apply(
                PayFlowConfig.builder()
                    .effectMaxAttempts(3)
                    .effectInitialBackoff(Duration.ofSeconds(1))
                    .effectMaxBackoff(Duration.ofMinutes(2)))
            .build();
    this.numbers =
        new Issued(
            setup.numbers() != null
                ? setup.numbers().apply(clock)
                : new TimeBasedNumberGenerator(clock));
    this.slots = new Node[setup.nodes()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = newNode(i, 1);
    }
  }

  /** The stock every world starts with. */
  public static Map<String, Long> defaultStock() {
    return Map.of(SKU, 40L, SKU_2, 6L);
  }

  public int nodes() {
    return slots.length;
  }

  /** The live instance in this slot; a crashed one is replaced by a fresh one first. */
  public synchronized Node node(int slot) {
    Node n = slots[slot];
    if (n.dead) {
      shutdown(n);
      n = newNode(slot, n.incarnation + 1);
      slots[slot] = n;
    }
    return n;
  }

  /** Crashes the instance in this slot now, wherever its threads are. */
  public void crash(int slot) {
    Node n;
    synchronized (this) {
      n = slots[slot];
    }
    n.kill();
    crashes.incrementAndGet();
  }

  public int crashes() {
    return crashes.get()
        + (int)
            faults.fired().stream()
                .filter(
                    f -> f.kind() == FaultKind.CRASH_BEFORE || f.kind() == FaultKind.CRASH_AFTER)
                .count();
  }

  /** What a call through an instance came to. */
  public enum Outcome {
    OK,
    REFUSED,
    FAULTED,
    CRASHED
  }

  /**
   * Calls the live instance of this slot; a crash, an injected fault or a refusal by payflow is an
   * outcome, anything else is noted as unexpected for the checker.
   */
  public <T> Outcome call(int slot, String what, Function<PayFlow, T> action) {
    Node n = node(slot);
    try {
      action.apply(n.flow);
      return Outcome.OK;
    } catch (InjectedCrash e) {
      n.kill();
      return Outcome.CRASHED;
    } catch (InjectedFault e) {
      return Outcome.FAULTED;
    } catch (PayFlowException e) {
      return Outcome.REFUSED;
    } catch (RuntimeException e) {
      if (causedByInjection(e)) {
        return Outcome.FAULTED;
      }
      note(what + " threw " + e);
      return Outcome.REFUSED;
    } catch (Error e) {
      note(what + " threw " + e);
      throw e;
    }
  }

  private static boolean causedByInjection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InjectedFault || t instanceof InjectedCrash) {
        return true;
      }
    }
    return false;
  }

  /** Delivers a callback through an instance; true if the channel got a 2xx answer. */
  public boolean deliver(int slot, CallbackRequest callback) {
    boolean[] acked = new boolean[1];
    call(
        slot,
        "handleCallback",
        f -> {
          CallbackAnswer answer = f.handleCallback(SimulatedChannel.ID, callback);
          acked[0] = answer.status() / 100 == 2;
          return answer;
        });
    return acked[0];
  }

  /** Waits for the effects every live instance started. */
  public void awaitEffects() {
    List<Node> live;
    synchronized (this) {
      live = List.of(slots);
    }
    for (Node n : live) {
      if (n.dead) {
        continue;
      }
      try {
        if (!n.flow.awaitEffects(Duration.ofSeconds(20))) {
          note(n + ": effects did not finish within 20 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } catch (InjectedCrash e) {
        // it died while we waited
      }
    }
  }

  /**
   * Runs what a quiet shop's schedulers and the channel's retries would: with no fault armed, moves
   * the clock on, runs every sweep, lets the channel finish its refunds, redelivers every callback
   * it still owes, and retries dead effects by hand (after checking each was announced), until
   * nothing changes; returns whether it got there.
   */
  public boolean settle() {
    faults.disarm();
    awaitEffects();
    String last = "";
    int stable = 0;
    for (int round = 0; round < 60 && stable < 2; round++) {
      clock.advance(Duration.ofMinutes(30));
      Instant latest = latestExpiry();
      if (clock.instant().isBefore(latest)) {
        clock.advance(Duration.between(clock.instant(), latest).plusMinutes(1));
      }
      int slot = round % slots.length;
      call(slot, "closeExpiredOrders", PayFlow::closeExpiredOrders);
      call(slot, "reconcilePayments", PayFlow::reconcilePayments);
      call(slot, "reconcileRefunds", PayFlow::reconcileRefunds);
      call(slot, "runDueEffects", PayFlow::runDueEffects);
      awaitEffects();
      channel.settleRefunds();
      for (CallbackRequest cb : channel.outbox()) {
        if (deliver(slot, cb)) {
          channel.remove(cb);
        }
      }
      awaitEffects();
      boolean revived = false;
      for (Effect e : deadEffects()) {
        deadSeen.add(e.id());
        call(slot, "retryEffect", f -> f.retryEffect(e.id()));
        revived = true;
      }
      awaitEffects();
      String now = fingerprint();
      stable = now.equals(last) && !revived && channel.outbox().isEmpty() ? stable + 1 : 0;
      last = now;
    }
    return stable >= 2;
  }

  private Instant latestExpiry() {
    Instant latest = clock.instant();
    for (String orderNo : numbers.orderNos()) {
      Optional<OrderRecord> r = store.load(orderNo);
      if (r.isPresent() && r.get().order().expiresAt().isAfter(latest)) {
        latest = r.get().order().expiresAt();
      }
    }
    return latest;
  }

  /** Effects found dead while settling; the checker wants an EffectDead event for each. */
  final Set<String> deadSeen = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

  List<Effect> deadEffects() {
    List<Effect> dead = new ArrayList<>();
    for (String orderNo : numbers.orderNos()) {
      for (Effect e : store.findEffects(orderNo)) {
        if (e.status().name().equals("DEAD")) {
          dead.add(e);
        }
      }
    }
    return dead;
  }

  /** Everything that can still change, to see when it stops. */
  String fingerprint() {
    StringBuilder sb = new StringBuilder();
    for (String orderNo : numbers.orderNos()) {
      Optional<OrderRecord> r = store.load(orderNo);
      sb.append(r.map(OrderRecord::toString).orElse(orderNo + ":none")).append('\n');
      for (Effect e : store.findEffects(orderNo)) {
        sb.append(e.id()).append(' ').append(e.status()).append(' ').append(e.attempts());
        sb.append('\n');
      }
    }
    sb.append(stock.entries()).append('\n').append(channel.fingerprint());
    return sb.toString();
  }

  /** Order numbers payflow drew, in the order it drew them (stored or not). */
  public List<String> orderNos() {
    return numbers.orderNos();
  }

  public synchronized void note(String text) {
    notes.add(text);
  }

  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  @Override
  public synchronized void close() {
    for (Node n : all) {
      n.kill();
      shutdown(n);
    }
  }

  // ------------------------------------------------------------------ building an instance

  private Node newNode(int slot, int incarnation) {
    Node n = new Node(slot, incarnation);
    OrderStore s =
        Faulty.wrap(
            OrderStore.class,
            store,
            n,
            faults,
            m -> Boundary.ofStoreMethod(m.getName()),
            (method, args, result, faulted) -> {
              switch (method.getName()) {
                case "completeEffect" -> {
                  if (!Boolean.FALSE.equals(result) && args != null) {
                    deliveries.completed((String) args[0]);
                  }
                }
                case "retryEffectLater", "parkEffect" -> deliveries.notCompleted();
                default -> {}
              }
            });
    InventoryService inv =
        Faulty.wrap(
            InventoryService.class,
            stock,
            n,
            faults,
            m -> Boundary.ofInventoryMethod(m.getName()),
            null);
    PaymentChannel ch =
        Faulty.wrap(
            PaymentChannel.class,
            channel,
            n,
            faults,
            m -> Boundary.ofChannelMethod(m.getName()),
            null);
    Notifier smsOf =
        Faulty.wrap(
            Notifier.class,
            sms,
            n,
            faults,
            m -> m.getName().equals("send") ? Boundary.NOTIFIER_SMS : null,
            null);
    Notifier pushOf =
        Faulty.wrap(
            Notifier.class,
            push,
            n,
            faults,
            m -> m.getName().equals("send") ? Boundary.NOTIFIER_PUSH : null,
            null);
    FulfillmentService fulfil =
        Faulty.wrap(
            FulfillmentService.class,
            fulfilment,
            n,
            faults,
            m -> m.getName().equals("startFulfillment") ? Boundary.FULFILLMENT : null,
            null);
    n.executor = executor(n);
    n.flow =
        PayFlow.builder()
            .orderStore(s)
            .inventory(inv)
            .priceCatalog(catalog)
            .fulfillment(fulfil)
            .numberGenerator(numbers)
            .clock(clock)
            .config(config)
            .notifier(smsOf)
            .notifier(pushOf)
            .channel(ch)
            .listener(events)
            .effectExecutor(n.executor)
            .build();
    all.add(n);
    return n;
  }

  private static ExecutorService executor(Node n) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            4,
            4,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "payflow-" + n + "-effect-" + count.incrementAndGet());
              t.setDaemon(true);
              // an effect thread that hits the crash dies with its instance, quietly
              t.setUncaughtExceptionHandler((thread, e) -> {});
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static void shutdown(Node n) {
    n.executor.shutdownNow();
    try {
      n.flow.close();
    } catch (RuntimeException | InjectedCrash e) {
      // gone anyway
    }
  }

  /** The number generator, remembering every order number it handed out. Threadsafe. */
  static final class Issued implements OrderNumberGenerator {
    private final OrderNumberGenerator delegate;
    private final Set<String> orderNos = new LinkedHashSet<>();

    Issued(OrderNumberGenerator delegate) {
      this.delegate = delegate;
    }

    @Override
    public String newOrderNo() {
      String no = delegate.newOrderNo();
      synchronized (this) {
        orderNos.add(no);
      }
      return no;
    }

    @Override
    public String newPaymentNo(String orderNo, int attempt) {
      return delegate.newPaymentNo(orderNo, attempt);
    }

    @Override
    public String newRefundNo(String orderNo, int attempt) {
      return delegate.newRefundNo(orderNo, attempt);
    }

    synchronized List<String> orderNos() {
      return List.copyOf(orderNos);
    }
  }
}
