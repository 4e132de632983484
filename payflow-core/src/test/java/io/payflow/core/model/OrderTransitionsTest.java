package io.payflow.core.model;

import static io.payflow.core.model.OrderStatus.CLOSED;
import static io.payflow.core.model.OrderStatus.FULFILLING;
import static io.payflow.core.model.OrderStatus.PAID;
import static io.payflow.core.model.OrderStatus.PARTIALLY_REFUNDED;
import static io.payflow.core.model.OrderStatus.PAYMENT_FAILED;
import static io.payflow.core.model.OrderStatus.PENDING_PAYMENT;
import static io.payflow.core.model.OrderStatus.REFUNDED;
import static io.payflow.core.model.OrderStatus.REFUNDING;
import static io.payflow.core.model.OrderStatus.RESERVING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The order transition table, written out move by move from the design (DESIGN.md, "Core model"),
 * so that a change to the table has to be made here too, on purpose.
 */
class OrderTransitionsTest {

  /** Every allowed move; everything else, including staying put, is refused by the table. */
  private static final List<Map.Entry<OrderStatus, OrderStatus>> ALLOWED =
      List.of(
          // stored before stock is reserved: reserved, or closed (refused, or left by a crash)
          Map.entry(RESERVING, PENDING_PAYMENT),
          Map.entry(RESERVING, CLOSED),
          Map.entry(PENDING_PAYMENT, PAID),
          Map.entry(PENDING_PAYMENT, PAYMENT_FAILED),
          Map.entry(PENDING_PAYMENT, CLOSED),
          Map.entry(PAID, FULFILLING),
          Map.entry(PAID, REFUNDING),
          Map.entry(FULFILLING, REFUNDING),
          Map.entry(REFUNDING, REFUNDED),
          Map.entry(REFUNDING, PARTIALLY_REFUNDED),
          // a refund the channel refused returns the order to where it was before the refund
          Map.entry(REFUNDING, PAID),
          Map.entry(REFUNDING, FULFILLING),
          Map.entry(PARTIALLY_REFUNDED, REFUNDING));

  @Test
  void exactlyTheListedMovesAreAllowed() {
    SoftAssertions softly = new SoftAssertions();
    for (OrderStatus from : OrderStatus.values()) {
      for (OrderStatus to : OrderStatus.values()) {
        boolean listed = ALLOWED.contains(Map.entry(from, to));
        softly
            .assertThat(OrderTransitions.allowed(from, to))
            .as("%s -> %s", from, to)
            .isEqualTo(listed);
      }
    }
    softly.assertAll();
  }

  @Test
  void targetsAreTheListedMovesFromEachStatus() {
    for (OrderStatus from : OrderStatus.values()) {
      Set<OrderStatus> expected = EnumSet.noneOf(OrderStatus.class);
      ALLOWED.stream().filter(m -> m.getKey() == from).forEach(m -> expected.add(m.getValue()));
      assertThat(OrderTransitions.targets(from)).as("targets of %s", from).isEqualTo(expected);
    }
  }

  @Test
  void stayingInTheSameStatusIsNotAMove() {
    // a repeated move is the caller's idempotent no-op, never a table entry
    assertThat(Arrays.stream(OrderStatus.values())).noneMatch(s -> OrderTransitions.allowed(s, s));
  }

  @Test
  void failedClosedAndRefundedOrdersAreTerminal() {
    assertThat(EnumSet.allOf(OrderStatus.class))
        .filteredOn(OrderStatus::isTerminal)
        .containsExactlyInAnyOrder(PAYMENT_FAILED, CLOSED, REFUNDED);
  }

  @Test
  void aClosedOrderCannotBePaid() {
    // a late success for a closed order is refunded, never turned into a paid order
    assertThat(OrderTransitions.allowed(CLOSED, PAID)).isFalse();
    assertThat(OrderTransitions.allowed(PAYMENT_FAILED, PAID)).isFalse();
  }

  @Test
  void aReservingOrderIsNotPayable() {
    // its stock is not reserved yet: only reserving it (or closing it) moves it on
    assertThat(OrderTransitions.allowed(RESERVING, PAID)).isFalse();
    assertThat(OrderTransitions.allowed(RESERVING, PAYMENT_FAILED)).isFalse();
    assertThat(RESERVING.isTerminal()).isFalse();
  }

  @Test
  void targetsCannotBeUsedToChangeTheTable() {
    Set<OrderStatus> targets = OrderTransitions.targets(CLOSED);

    assertThatThrownBy(() -> targets.add(PAID)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(OrderTransitions.allowed(CLOSED, PAID)).isFalse();
  }
}
