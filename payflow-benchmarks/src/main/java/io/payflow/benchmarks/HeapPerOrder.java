package io.payflow.benchmarks;

import io.payflow.core.PayFlow;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.InventoryService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark 6: heap retained per order by payflow on its in-memory store, in flight (created and
 * prepaid) and once completed (paid, effects done, fulfilment started). Measured as the used heap
 * after a full GC ({@link MemoryMXBean}, run with {@code -XX:+UseSerialGC} so that {@code
 * System.gc()} compacts everything) before and after {@value #ORDERS} orders, divided by their
 * number, over {@value #ROUNDS} rounds. The inventory is a stateless stub: stock lives in the
 * host's own service, not in payflow. Prints one line per figure: {@code heap <name> <mean bytes>
 * <stdev bytes>}.
 */
final class HeapPerOrder {

  static final int ORDERS = 20_000;
  static final int ROUNDS = 5;

  private HeapPerOrder() {}

  public static void main(String[] args) {
    int orders = Sizes.of(ORDERS, 500);
    int rounds = Sizes.of(ROUNDS, 2);
    double[] inFlight = new double[rounds];
    double[] completed = new double[rounds];
    for (int round = -1; round < rounds; round++) { // round -1 warms up and is not counted
      double[] perOrder = measure(orders);
      if (round >= 0) {
        inFlight[round] = perOrder[0];
        completed[round] = perOrder[1];
      }
    }
    print("inFlight", inFlight);
    print("completed", completed);
  }

  static double[] measure(int orders) {
    MutableClock clock = MutableClock.ticking(Fixtures.START);
    FakeChannel channel = new FakeChannel("fake", clock, null);
    String prefix = "H";
    long before = usedAfterGc();
    PayFlow flow =
        Fixtures.flow(
                clock,
                new InMemoryOrderStore(),
                channel,
                new DirectExecutor(),
                new SequenceNumbers(prefix))
            .inventory(new StatelessInventory())
            .notifier(new Fixtures.CountingNotifier())
            .build();
    for (int i = 0; i < orders; i++) {
      String orderNo = flow.createOrder(Fixtures.ORDER).orderNo();
      flow.startPayment(
          new StartPaymentRequest(orderNo, channel.id(), TradeType.NATIVE, null, null));
    }
    long inFlight = usedAfterGc();
    for (int i = 0; i < orders; i++) {
      flow.handlePaymentResult(
          Fixtures.succeeded(channel.id(), SequenceNumbers.paymentNo(prefix, i), clock.instant()));
    }
    long completed = usedAfterGc();
    java.lang.ref.Reference.reachabilityFence(flow);
    flow.close();
    return new double[] {
      (inFlight - before) / (double) orders, (completed - before) / (double) orders
    };
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void print(String name, double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double variance = 0;
    for (double v : values) {
      variance += (v - mean) * (v - mean);
    }
    double stdev = Math.sqrt(variance / (values.length - 1));
    System.out.println(String.format(Locale.ROOT, "heap %s %.1f %.1f", name, mean, stdev));
  }

  /** Stock kept by the host, not in this JVM's heap: every call succeeds and retains nothing. */
  private static final class StatelessInventory implements InventoryService {
    @Override
    public void reserve(String orderNo, List<OrderLine> lines) {}

    @Override
    public void confirm(String orderNo) {}

    @Override
    public void release(String orderNo) {}
  }
}
