package io.payflow.benchmarks;

import io.payflow.core.spi.OrderNumberGenerator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Order numbers {@code <prefix><n>} from a counter, payment numbers {@code <orderNo>P<attempt>}: a
 * fresh generator repeats the same numbers, so callbacks signed once match the orders of every new
 * store. Threadsafe.
 */
final class SequenceNumbers implements OrderNumberGenerator {

  private final String prefix;
  private final AtomicLong next = new AtomicLong();

  SequenceNumbers(String prefix) {
    this.prefix = prefix;
  }

  static String orderNo(String prefix, long n) {
    return prefix + n;
  }

  static String paymentNo(String prefix, long n) {
    return orderNo(prefix, n) + "P1";
  }

  @Override
  public String newOrderNo() {
    return orderNo(prefix, next.getAndIncrement());
  }

  @Override
  public String newPaymentNo(String orderNo, int attempt) {
    return orderNo + "P" + attempt;
  }

  @Override
  public String newRefundNo(String orderNo, int attempt) {
    return orderNo + "R" + attempt;
  }
}
