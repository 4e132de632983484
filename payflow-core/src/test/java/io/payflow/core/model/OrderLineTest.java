package io.payflow.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderLineTest {

  @Test
  void amountIsQuantityTimesUnitPriceInFen() {
    assertThat(new OrderLine("SKU-1", 3, 1_250).amount()).isEqualTo(3_750);
  }

  @Test
  void amountBeyondIntRangeIsExact() {
    // int * long must be computed in long: 2^31-1 units at 3 fen overflows an int
    assertThat(new OrderLine("SKU-1", Integer.MAX_VALUE, 3).amount())
        .isEqualTo(3L * Integer.MAX_VALUE);
  }

  @Test
  void amountUpToLongMaxIsExact() {
    assertThat(new OrderLine("SKU-1", 1, Long.MAX_VALUE).amount()).isEqualTo(Long.MAX_VALUE);
    assertThat(new OrderLine("SKU-1", 7, Long.MAX_VALUE / 7).amount())
        .isEqualTo(Long.MAX_VALUE / 7 * 7);
  }

  @Test
  void amountThatOverflowsALongThrowsInsteadOfWrapping() {
    // a wrapped amount would be negative or tiny: an order for almost nothing
    OrderLine line = new OrderLine("SKU-1", 2, Long.MAX_VALUE / 2 + 1);

    assertThatThrownBy(line::amount).isInstanceOf(ArithmeticException.class);
  }
}
