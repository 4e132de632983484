package io.payflow.core.memory;

import io.payflow.core.effect.EffectStatus;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.StoreStatistics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** Counts by status for the statistics; threadsafe, a sum of counters, not a snapshot. */
final class StatusCounters {

  private final Counter<OrderStatus> orderCounts = new Counter<>(OrderStatus.class);
  private final Counter<PaymentStatus> paymentCounts = new Counter<>(PaymentStatus.class);
  private final Counter<RefundStatus> refundCounts = new Counter<>(RefundStatus.class);
  private final Counter<EffectStatus> effectCounts = new Counter<>(EffectStatus.class);

  StoreStatistics statistics() {
    return new StoreStatistics(
        orderCounts.snapshot(),
        paymentCounts.snapshot(),
        refundCounts.snapshot(),
        effectCounts.snapshot());
  }

  void count(@Nullable OrderRecord before, OrderRecord after) {
    if (before != null) {
      orderCounts.add(before.order().status(), -1);
      before.payments().forEach(p -> paymentCounts.add(p.status(), -1));
      before.refunds().forEach(r -> refundCounts.add(r.status(), -1));
    }
    orderCounts.add(after.order().status(), 1);
    after.payments().forEach(p -> paymentCounts.add(p.status(), 1));
    after.refunds().forEach(r -> refundCounts.add(r.status(), 1));
  }

  /** Counts a newly stored effect. */
  void addEffect(EffectStatus status) {
    effectCounts.add(status, 1);
  }

  /** Moves an effect from one status's count to another's, if they differ. */
  void moveEffect(EffectStatus from, EffectStatus to) {
    if (from != to) {
      effectCounts.add(from, -1);
      effectCounts.add(to, 1);
    }
  }

  /** Counts by status, one striped counter per constant (writers on many threads never collide). */
  private static final class Counter<E extends Enum<E>> {
    private final Class<E> type;
    private final LongAdder[] counts;

    Counter(Class<E> type) {
      this.type = type;
      this.counts = new LongAdder[type.getEnumConstants().length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void add(E status, long delta) {
      counts[status.ordinal()].add(delta);
    }

    Map<E, Long> snapshot() {
      Map<E, Long> map = new EnumMap<>(type);
      for (E e : type.getEnumConstants()) {
        map.put(e, counts[e.ordinal()].sum());
      }
      return map;
    }
  }
}
