package io.payflow.wechat.internal;

import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.model.RefundStatus;
import org.jspecify.annotations.Nullable;

/**
 * Maps WeChat Pay's {@code trade_state} and refund {@code status} to payflow's outcomes. Stateless
 * and threadsafe.
 */
public final class TradeStates {

  private TradeStates() {}

  /**
   * The outcome of a {@code trade_state}, or null for a state this version does not know (the
   * caller then reports an unknown outcome rather than guess).
   */
  public static @Nullable PaymentOutcome outcome(@Nullable String tradeState) {
    if (tradeState == null) {
      return null;
    }
    return switch (tradeState) {
      case "SUCCESS" -> PaymentOutcome.SUCCEEDED;
      // ACCEPT: 已接收，等待扣款 (deduction pending, as for entrusted debits): not paid yet.
      case "NOTPAY", "USERPAYING", "ACCEPT" -> PaymentOutcome.PENDING;
      case "CLOSED", "REVOKED" -> PaymentOutcome.CLOSED;
      case "PAYERROR" -> PaymentOutcome.FAILED;
      // A REFUND state means the payment did succeed; refunds are tracked separately.
      case "REFUND" -> PaymentOutcome.REFUNDED;
      default -> null;
    };
  }

  /**
   * The status of a refund's {@code status} / {@code refund_status}, or null when unknown. ABNORMAL
   * (e.g. the payer's card was closed) and CLOSED both need a person: FAILED.
   */
  public static @Nullable RefundStatus refundStatus(@Nullable String status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "SUCCESS" -> RefundStatus.SUCCEEDED;
      case "PROCESSING" -> RefundStatus.PROCESSING;
      case "CLOSED", "ABNORMAL" -> RefundStatus.FAILED;
      default -> null;
    };
  }
}
