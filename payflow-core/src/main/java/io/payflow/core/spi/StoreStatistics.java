package io.payflow.core.spi;

import io.payflow.core.effect.EffectStatus;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.RefundStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many orders, payments, refunds and effects a store holds in each status, from {@link
 * OrderStore#statistics()}. Every enum constant is a key, with 0 when none; the maps are
 * unmodifiable copies.
 *
 * @param orders orders by status
 * @param payments payments by status
 * @param refunds refunds by status
 * @param effects effects by status
 */
public record StoreStatistics(
    Map<OrderStatus, Long> orders,
    Map<PaymentStatus, Long> payments,
    Map<RefundStatus, Long> refunds,
    Map<EffectStatus, Long> effects) {

  public StoreStatistics {
    orders = complete(OrderStatus.class, orders);
    payments = complete(PaymentStatus.class, payments);
    refunds = complete(RefundStatus.class, refunds);
    effects = complete(EffectStatus.class, effects);
  }

  private static <E extends Enum<E>> Map<E, Long> complete(Class<E> type, Map<E, Long> counts) {
    EnumMap<E, Long> all = new EnumMap<>(type);
    for (E constant : type.getEnumConstants()) {
      Long count = counts.get(constant);
      all.put(constant, count == null ? 0L : count);
    }
    return Collections.unmodifiableMap(all);
  }
}
