package io.payflow.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.model.RefundStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TradeStatesTest {

  @ParameterizedTest
  @CsvSource({
    "SUCCESS, SUCCEEDED",
    "NOTPAY, PENDING",
    "USERPAYING, PENDING",
    "ACCEPT, PENDING",
    "CLOSED, CLOSED",
    "REVOKED, CLOSED",
    "PAYERROR, FAILED",
    "REFUND, REFUNDED"
  })
  void tradeStateMapsToOutcome(String tradeState, PaymentOutcome outcome) {
    assertThat(TradeStates.outcome(tradeState)).isEqualTo(outcome);
  }

  @Test
  void unknownTradeStateHasNoOutcomeRatherThanAGuess() {
    assertThat(TradeStates.outcome("SOMETHING_NEW")).isNull();
    assertThat(TradeStates.outcome(null)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"SUCCESS, SUCCEEDED", "PROCESSING, PROCESSING", "CLOSED, FAILED", "ABNORMAL, FAILED"})
  void refundStatusMapsToRefundStatus(String status, RefundStatus expected) {
    assertThat(TradeStates.refundStatus(status)).isEqualTo(expected);
  }
}
