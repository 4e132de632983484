package io.payflow.core.model;

import static io.payflow.core.model.RefundStatus.CREATED;
import static io.payflow.core.model.RefundStatus.FAILED;
import static io.payflow.core.model.RefundStatus.PROCESSING;
import static io.payflow.core.model.RefundStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The refund transition table, written out move by move, so that a change to the table has to be
 * made here too, on purpose.
 */
class RefundTransitionsTest {

  private static final List<Map.Entry<RefundStatus, RefundStatus>> ALLOWED =
      List.of(
          // the channel accepts, or answers at once
          Map.entry(CREATED, PROCESSING),
          Map.entry(CREATED, SUCCEEDED),
          Map.entry(CREATED, FAILED),
          // money on its way back, or abandoned
          Map.entry(PROCESSING, SUCCEEDED),
          Map.entry(PROCESSING, FAILED));

  @Test
  void exactlyTheListedMovesAreAllowed() {
    SoftAssertions softly = new SoftAssertions();
    for (RefundStatus from : RefundStatus.values()) {
      for (RefundStatus to : RefundStatus.values()) {
        softly
            .assertThat(RefundTransitions.allowed(from, to))
            .as("%s -> %s", from, to)
            .isEqualTo(ALLOWED.contains(Map.entry(from, to)));
      }
    }
    softly.assertAll();
  }

  @Test
  void succeededAndFailedAreTheTerminalStatuses() {
    assertThat(List.of(RefundStatus.values()))
        .filteredOn(RefundStatus::isTerminal)
        .containsExactly(SUCCEEDED, FAILED);
  }

  @Test
  void aRefundNeverGoesBackToCreated() {
    for (RefundStatus from : RefundStatus.values()) {
      assertThat(RefundTransitions.targets(from)).doesNotContain(CREATED);
    }
  }
}
