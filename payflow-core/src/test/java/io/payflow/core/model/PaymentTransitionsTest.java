package io.payflow.core.model;

import static io.payflow.core.model.PaymentStatus.CLOSED;
import static io.payflow.core.model.PaymentStatus.CREATED;
import static io.payflow.core.model.PaymentStatus.FAILED;
import static io.payflow.core.model.PaymentStatus.PREPAID;
import static io.payflow.core.model.PaymentStatus.PREPAY_FAILED;
import static io.payflow.core.model.PaymentStatus.SUCCEEDED;
import static io.payflow.core.model.PaymentStatus.UNKNOWN;
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
 * The payment transition table, written out move by move, so that a change to the table has to be
 * made here too, on purpose.
 */
class PaymentTransitionsTest {

  /** Every allowed move; everything else, including staying put, is refused by the table. */
  private static final List<Map.Entry<PaymentStatus, PaymentStatus>> ALLOWED =
      List.of(
          // the prepay answer, or a timeout; a callback or query may overtake the prepay answer
          Map.entry(CREATED, PREPAID),
          Map.entry(CREATED, PREPAY_FAILED),
          Map.entry(CREATED, UNKNOWN),
          Map.entry(CREATED, SUCCEEDED),
          Map.entry(CREATED, FAILED),
          Map.entry(CREATED, CLOSED),
          // waiting for the payer
          Map.entry(PREPAID, SUCCEEDED),
          Map.entry(PREPAID, FAILED),
          Map.entry(PREPAID, CLOSED),
          Map.entry(PREPAID, UNKNOWN),
          // a query settles a timed-out call
          Map.entry(UNKNOWN, PREPAID),
          Map.entry(UNKNOWN, PREPAY_FAILED),
          Map.entry(UNKNOWN, SUCCEEDED),
          Map.entry(UNKNOWN, FAILED),
          Map.entry(UNKNOWN, CLOSED),
          // money may still arrive after a failure or a close: recorded, then refunded
          Map.entry(FAILED, SUCCEEDED),
          Map.entry(FAILED, CLOSED),
          Map.entry(CLOSED, SUCCEEDED),
          // a prepay given up may still have landed at the channel and been paid (issue 9)
          Map.entry(PREPAY_FAILED, SUCCEEDED));

  @Test
  void exactlyTheListedMovesAreAllowed() {
    SoftAssertions softly = new SoftAssertions();
    for (PaymentStatus from : PaymentStatus.values()) {
      for (PaymentStatus to : PaymentStatus.values()) {
        boolean listed = ALLOWED.contains(Map.entry(from, to));
        softly
            .assertThat(PaymentTransitions.allowed(from, to))
            .as("%s -> %s", from, to)
            .isEqualTo(listed);
      }
    }
    softly.assertAll();
  }

  @Test
  void targetsAreTheListedMovesFromEachStatus() {
    for (PaymentStatus from : PaymentStatus.values()) {
      Set<PaymentStatus> expected = EnumSet.noneOf(PaymentStatus.class);
      ALLOWED.stream().filter(m -> m.getKey() == from).forEach(m -> expected.add(m.getValue()));
      assertThat(PaymentTransitions.targets(from)).as("targets of %s", from).isEqualTo(expected);
    }
  }

  @Test
  void stayingInTheSameStatusIsNotAMove() {
    assertThat(Arrays.stream(PaymentStatus.values()))
        .noneMatch(s -> PaymentTransitions.allowed(s, s));
  }

  @Test
  void onlyASucceededPaymentIsTerminal() {
    assertThat(EnumSet.allOf(PaymentStatus.class))
        .filteredOn(PaymentStatus::isTerminal)
        .containsExactly(SUCCEEDED);
  }

  @Test
  void successIsReachableFromEveryStatusWhereMoneyCanStillArrive() {
    // a prepay given up may still have reached the payer: from anywhere a success is recordable
    assertThat(EnumSet.allOf(PaymentStatus.class))
        .filteredOn(s -> s != SUCCEEDED)
        .allMatch(s -> PaymentTransitions.allowed(s, SUCCEEDED));
  }

  @Test
  void aSucceededPaymentNeverMovesAgain() {
    // a late FAILED or CLOSED notice after the money arrived must not undo the success
    assertThat(PaymentTransitions.targets(SUCCEEDED)).isEmpty();
  }

  @Test
  void targetsCannotBeUsedToChangeTheTable() {
    Set<PaymentStatus> targets = PaymentTransitions.targets(SUCCEEDED);

    assertThatThrownBy(() -> targets.add(FAILED)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(PaymentTransitions.allowed(SUCCEEDED, FAILED)).isFalse();
  }
}
