package io.payflow.core.model;

import java.util.List;
import java.util.Optional;

/**
 * An order with its payments and refunds: the unit that {@code OrderStore} reads and writes
 * atomically. Its version is the order's version.
 *
 * @param order the order
 * @param payments its payments, oldest first
 * @param refunds its refunds, oldest first
 */
public record OrderRecord(Order order, List<Payment> payments, List<Refund> refunds) {

  public OrderRecord {
    payments = List.copyOf(payments);
    refunds = List.copyOf(refunds);
  }

  /** The order's version, compared by the store on every write. */
  public long version() {
    return order.version();
  }

  /** The payment with this number, if it belongs to this order. */
  public Optional<Payment> payment(String paymentNo) {
    return payments.stream().filter(p -> p.paymentNo().equals(paymentNo)).findFirst();
  }

  /** The refund with this number, if it belongs to this order. */
  public Optional<Refund> refund(String refundNo) {
    return refunds.stream().filter(r -> r.refundNo().equals(refundNo)).findFirst();
  }
}
