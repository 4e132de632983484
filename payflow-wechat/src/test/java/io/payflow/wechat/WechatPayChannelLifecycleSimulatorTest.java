package io.payflow.wechat;

import static io.payflow.wechat.SimulatorChannels.channelFor;
import static io.payflow.wechat.SimulatorChannels.configFor;
import static io.payflow.wechat.SimulatorChannels.prepay;
import static io.payflow.wechat.WechatPayChannelPrepaySimulatorTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.Fault;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.WechatPaySimulator;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query, close, refund and WeChat's failures, through the official SDK against {@link
 * WechatPaySimulator}.
 */
class WechatPayChannelLifecycleSimulatorTest {

  @RegisterExtension
  static final WechatPaySimulatorExtension sim = WechatPaySimulatorExtension.create();

  private static WechatPayChannel channel;

  @BeforeAll
  static void wireTheChannel() {
    channel = channelFor(sim);
  }

  @Test
  void queryReportsPendingUntilThePayerPaysThenSucceededWithTransactionAndAmount() {
    channel.prepay(prepay("PAY-Q-0001", TradeType.JSAPI, 999));

    PaymentResult before = channel.query("PAY-Q-0001");
    SimulatedOrder paid = sim.pay("PAY-Q-0001");
    PaymentResult after = channel.query("PAY-Q-0001");

    assertThat(before.outcome()).isEqualTo(PaymentOutcome.PENDING);
    assertThat(before.channelState()).isEqualTo("NOTPAY");
    assertThat(before.transactionId()).isNull();
    assertThat(after.outcome()).isEqualTo(PaymentOutcome.SUCCEEDED);
    assertThat(after.channelState()).isEqualTo("SUCCESS");
    assertThat(after.transactionId()).isEqualTo(paid.transactionId());
    assertThat(after.amount()).isEqualTo(999);
    assertThat(after.paidAt()).isEqualTo(paid.successTime().truncatedTo(ChronoUnit.SECONDS));
    assertThat(after.source()).isEqualTo(PaymentResult.Source.QUERY);
    assertThat(sim.calls(Endpoint.QUERY_ORDER)).hasSize(2);
  }

  @Test
  void queryWhileThePayerIsPayingIsPending() {
    channel.prepay(prepay("PAY-Q-0002", TradeType.NATIVE, 999));
    sim.userPaying("PAY-Q-0002");

    PaymentResult result = channel.query("PAY-Q-0002");

    assertThat(result.outcome()).isEqualTo(PaymentOutcome.PENDING);
    assertThat(result.channelState()).isEqualTo("USERPAYING");
  }

  @Test
  void queryOfAFailedPaymentIsFailed() {
    channel.prepay(prepay("PAY-Q-0003", TradeType.JSAPI, 999));
    sim.payError("PAY-Q-0003");

    PaymentResult result = channel.query("PAY-Q-0003");

    assertThat(result.outcome()).isEqualTo(PaymentOutcome.FAILED);
    assertThat(result.channelState()).isEqualTo("PAYERROR");
    assertThat(result.message()).isEqualTo(TradeState.PAYERROR.description());
  }

  @Test
  void queryOfAnOrderClosedOnWechatsSideIsClosed() {
    channel.prepay(prepay("PAY-Q-0004", TradeType.NATIVE, 999));
    sim.closeOnWechatSide("PAY-Q-0004");

    assertThat(channel.query("PAY-Q-0004").outcome()).isEqualTo(PaymentOutcome.CLOSED);
  }

  @Test
  void queryOfAnOrderWechatDoesNotKnowIsTheNotFoundOutcome() {
    PaymentResult result = channel.query("PAY-NEVER-SENT");

    assertThat(result.outcome()).isEqualTo(PaymentOutcome.NOT_FOUND);
    assertThat(result.channelState()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(result.amount()).isEqualTo(-1);
  }

  @Test
  void closeClosesTheOrderAtWechatAndAQueryThenSaysClosed() {
    channel.prepay(prepay("PAY-C-0001", TradeType.JSAPI, 999));

    channel.close("PAY-C-0001");

    assertThat(sim.order("PAY-C-0001").orElseThrow().state()).isEqualTo(TradeState.CLOSED);
    assertThat(channel.query("PAY-C-0001").outcome()).isEqualTo(PaymentOutcome.CLOSED);
  }

  @Test
  void closingAClosedOrderAgainSucceeds() {
    channel.prepay(prepay("PAY-C-0002", TradeType.JSAPI, 999));
    channel.close("PAY-C-0002");

    assertThatCode(() -> channel.close("PAY-C-0002")).doesNotThrowAnyException();
    assertThat(sim.calls(Endpoint.CLOSE_ORDER)).hasSize(2);
  }

  @Test
  void closeOfAPaidOrderIsAlreadyPaidAndLeavesItPaid() {
    channel.prepay(prepay("PAY-C-0003", TradeType.JSAPI, 999));
    sim.pay("PAY-C-0003");

    assertThatThrownBy(() -> channel.close("PAY-C-0003"))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ChannelErrorKind.ALREADY_PAID);
              assertThat(e.channelCode()).isEqualTo("ORDERPAID");
            });
    assertThat(sim.order("PAY-C-0003").orElseThrow().state()).isEqualTo(TradeState.SUCCESS);
  }

  @Test
  void prepayAgainAfterCloseIsAlreadyClosed() {
    var request = prepay("PAY-C-0004", TradeType.NATIVE, 999);
    channel.prepay(request);
    channel.close("PAY-C-0004");

    assertKind(() -> channel.prepay(request), ChannelErrorKind.ALREADY_CLOSED);
  }

  @Test
  void refundOfAPaidOrderIsProcessingThenItsQuerySaysSucceeded() {
    channel.prepay(prepay("PAY-R-0001", TradeType.JSAPI, 999));
    SimulatedOrder paid = sim.pay("PAY-R-0001");

    RefundResult submitted =
        channel.refund(
            new RefundRequest("REF-R-0001", "PAY-R-0001", paid.transactionId(), 500, 999, "缺货"));
    var processing = channel.queryRefund("REF-R-0001");
    sim.completeRefund("REF-R-0001");
    RefundResult completed = channel.queryRefund("REF-R-0001");

    assertThat(submitted.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(submitted.refundNo()).isEqualTo("REF-R-0001");
    assertThat(submitted.paymentNo()).isEqualTo("PAY-R-0001");
    assertThat(submitted.channelRefundId())
        .isEqualTo(sim.refund("REF-R-0001").orElseThrow().refundId());
    assertThat(sim.refund("REF-R-0001").orElseThrow().refund()).isEqualTo(500);
    assertThat(processing.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(completed.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(completed.paymentNo()).isEqualTo("PAY-R-0001");
    assertThat(completed.completedAt()).isNotNull();
    assertThat(channel.query("PAY-R-0001").outcome()).isEqualTo(PaymentOutcome.REFUNDED);
  }

  @Test
  void refundOfAnUnpaidOrderIsRejectedByWechat() {
    channel.prepay(prepay("PAY-R-0002", TradeType.JSAPI, 999));

    assertKind(
        () -> channel.refund(new RefundRequest("REF-R-0002", "PAY-R-0002", null, 500, 999, "")),
        ChannelErrorKind.REJECTED);
  }

  @Test
  void refundOfMoreThanWasPaidIsRefusedWithoutCallingWechat() {
    assertKind(
        () -> channel.refund(new RefundRequest("REF-R-0003", "PAY-R-0003", null, 1000, 999, "")),
        ChannelErrorKind.REJECTED);
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void queryOfARefundWechatDoesNotKnowIsNotFound() {
    assertKind(() -> channel.queryRefund("REF-NEVER-SENT"), ChannelErrorKind.NOT_FOUND);
  }

  @Test
  void systemErrorIsRetryLaterAndTheRetrySucceeds() {
    sim.failNext(Endpoint.NATIVE_PREPAY, Fault.systemError());

    assertKind(
        () -> channel.prepay(prepay("PAY-F-0001", TradeType.NATIVE, 999)),
        ChannelErrorKind.RETRY_LATER);
    assertThat(sim.order("PAY-F-0001")).isEmpty();
    assertThat(channel.prepay(prepay("PAY-F-0001", TradeType.NATIVE, 999)).payParams())
        .containsKey("code_url");
  }

  @Test
  void frequencyLimitedIsRetryLater() {
    channel.prepay(prepay("PAY-F-0002", TradeType.NATIVE, 999));
    sim.failNext(Endpoint.QUERY_ORDER, Fault.frequencyLimited());

    assertThatThrownBy(() -> channel.query("PAY-F-0002"))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ChannelErrorKind.RETRY_LATER);
              assertThat(e.channelCode()).isEqualTo("FREQUENCY_LIMITED");
            });
    assertThat(channel.query("PAY-F-0002").outcome()).isEqualTo(PaymentOutcome.PENDING);
  }

  @Test
  void systemErrorOnCloseIsRetryLaterAndLeavesTheOrderOpen() {
    channel.prepay(prepay("PAY-F-0003", TradeType.NATIVE, 999));
    sim.failNext(Endpoint.CLOSE_ORDER, Fault.systemError());

    assertKind(() -> channel.close("PAY-F-0003"), ChannelErrorKind.RETRY_LATER);
    assertThat(sim.order("PAY-F-0003").orElseThrow().state()).isEqualTo(TradeState.NOTPAY);
  }

  @Test
  void answerDelayedBeyondTheReadTimeoutIsAnUnknownOutcomeThoughWechatCreatedTheOrder() {
    WechatPayChannel impatient =
        WechatPayChannel.create(configFor(sim).readTimeout(Duration.ofMillis(300)).build());
    sim.failNext(Endpoint.NATIVE_PREPAY, Fault.delayedResponse(Duration.ofSeconds(2)));

    assertThatThrownBy(() -> impatient.prepay(prepay("PAY-F-0004", TradeType.NATIVE, 999)))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.kind()).isEqualTo(ChannelErrorKind.UNKNOWN_OUTCOME))
        .hasMessageContaining("SocketTimeoutException");
    // Why a query settles it: the prepay did happen.
    assertThat(sim.order("PAY-F-0004")).isPresent();
    assertThat(channel.query("PAY-F-0004").outcome()).isEqualTo(PaymentOutcome.PENDING);
  }
}
