package io.payflow.core.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.spi.OrderNumberGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link OrderNumberGenerator}: an implementation extends it and overrides
 * {@link #createGenerator()}. A generator that reads a clock should be given a fixed one here: many
 * numbers made within one second are the hard case.
 */
public abstract class OrderNumberGeneratorContract {

  /** WeChat Pay's rule for {@code out_trade_no} and {@code out_refund_no}. */
  protected static final Pattern CHANNEL_NUMBER = Pattern.compile("[0-9A-Za-z_-]{1,32}");

  /** A new generator. */
  protected abstract OrderNumberGenerator createGenerator();

  /** How many threads the uniqueness test races. 8 by default. */
  protected int threads() {
    return 8;
  }

  @Test
  void orderNumbersAreUniqueAcrossTenThousandCallsFromSeveralThreads() {
    // given
    OrderNumberGenerator generator = createGenerator();
    int perThread = 10_000 / threads() + 1;

    // when
    List<Race.Outcome<List<String>>> outcomes =
        Race.run(
            threads(),
            threads(),
            t ->
                () -> {
                  List<String> numbers = new ArrayList<>(perThread);
                  for (int i = 0; i < perThread; i++) {
                    numbers.add(generator.newOrderNo());
                  }
                  return numbers;
                });

    // then
    List<String> all = new ArrayList<>();
    outcomes.forEach(
        o -> {
          assertThat(o.failure()).isNull();
          all.addAll(o.value());
        });
    assertThat(all).hasSizeGreaterThanOrEqualTo(10_000).doesNotHaveDuplicates();
    assertThat(all).allMatch(n -> CHANNEL_NUMBER.matcher(n).matches(), "fits WeChat's rule");
  }

  @Test
  void paymentAndRefundNumbersFitTheChannelsRule() {
    // given
    OrderNumberGenerator generator = createGenerator();
    String orderNo = generator.newOrderNo();

    // then, up to an attempt number no real order reaches
    for (int attempt : new int[] {1, 2, 9, 10, 99, 999, 99_999}) {
      assertThat(generator.newPaymentNo(orderNo, attempt)).matches(CHANNEL_NUMBER);
      assertThat(generator.newRefundNo(orderNo, attempt)).matches(CHANNEL_NUMBER);
    }
  }

  @Test
  void paymentAndRefundNumbersDifferPerAttemptAndFromOrderNumbers() {
    // given
    OrderNumberGenerator generator = createGenerator();
    List<String> orderNos = List.of(generator.newOrderNo(), generator.newOrderNo());

    // when
    List<String> all = new ArrayList<>(orderNos);
    for (String orderNo : orderNos) {
      for (int attempt = 1; attempt <= 12; attempt++) {
        all.add(generator.newPaymentNo(orderNo, attempt));
        all.add(generator.newRefundNo(orderNo, attempt));
      }
    }

    // then a retried payment never reuses a number (WeChat: 201 商户订单号重复), and a refund number
    // never equals a payment or order number
    assertThat(all).hasSize(2 + 2 * 12 * 2).doesNotHaveDuplicates();
  }

  @Test
  void paymentNumbersOfManyOrdersAreUnique() {
    // given
    OrderNumberGenerator generator = createGenerator();
    Set<String> seen = new HashSet<>();

    // when / then
    for (int i = 0; i < 2_000; i++) {
      String orderNo = generator.newOrderNo();
      assertThat(seen.add(orderNo)).as("order number %s is new", orderNo).isTrue();
      String paymentNo = generator.newPaymentNo(orderNo, 1);
      assertThat(seen.add(paymentNo)).as("payment number %s is new", paymentNo).isTrue();
      String refundNo = generator.newRefundNo(orderNo, 1);
      assertThat(seen.add(refundNo)).as("refund number %s is new", refundNo).isTrue();
    }
  }
}
