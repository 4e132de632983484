package io.payflow.wechat;

import static io.payflow.wechat.SimulatorChannels.asCallback;
import static io.payflow.wechat.SimulatorChannels.channelFor;
import static io.payflow.wechat.SimulatorChannels.configFor;
import static io.payflow.wechat.SimulatorChannels.prepay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.testkit.NotificationRequest;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.SimulatedRefund;
import io.payflow.wechat.testkit.Tamper;
import io.payflow.wechat.testkit.WechatPaySimulator;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Callbacks built, signed and encrypted by {@link WechatPaySimulator} as WeChat Pay sends them,
 * parsed by the channel: the genuine ones read, every forged, spoiled, stale or foreign one refused
 * with a 4xx.
 */
class WechatPayCallbackSimulatorTest {

  @RegisterExtension
  static final WechatPaySimulatorExtension sim = WechatPaySimulatorExtension.create();

  private static WechatPayChannel channel;

  @BeforeAll
  static void wireTheChannel() {
    channel = channelFor(sim);
  }

  private static String paidOrder(String paymentNo) {
    channel.prepay(prepay(paymentNo, TradeType.JSAPI, 999));
    sim.pay(paymentNo);
    return paymentNo;
  }

  @Test
  void paymentNotificationParsesIntoAVerifiedSuccess() {
    String paymentNo = paidOrder("PAY-CB-0001");
    SimulatedOrder paid = sim.order(paymentNo).orElseThrow();

    CallbackEvent event =
        channel.parseCallback(asCallback(sim.transactionNotification(paymentNo).build()));

    assertThat(event).isInstanceOf(CallbackEvent.PaymentNotified.class);
    PaymentResult result = ((CallbackEvent.PaymentNotified) event).result();
    assertThat(result.channel()).isEqualTo(WechatPayChannel.ID);
    assertThat(result.paymentNo()).isEqualTo(paymentNo);
    assertThat(result.outcome()).isEqualTo(PaymentOutcome.SUCCEEDED);
    assertThat(result.channelState()).isEqualTo("SUCCESS");
    assertThat(result.transactionId()).isEqualTo(paid.transactionId());
    assertThat(result.amount()).isEqualTo(999);
    assertThat(result.paidAt()).isEqualTo(paid.successTime().truncatedTo(ChronoUnit.SECONDS));
    assertThat(result.source()).isEqualTo(PaymentResult.Source.CALLBACK);
  }

  @Test
  void refundNotificationParsesIntoAVerifiedRefundResult() {
    String paymentNo = paidOrder("PAY-CB-0002");
    channel.refund(
        new RefundRequest(
            "REF-CB-0002",
            paymentNo,
            sim.order(paymentNo).orElseThrow().transactionId(),
            999,
            999,
            "退货"));
    SimulatedRefund refund = sim.completeRefund("REF-CB-0002");

    CallbackEvent event =
        channel.parseCallback(asCallback(sim.refundNotification("REF-CB-0002").build()));

    assertThat(event).isInstanceOf(CallbackEvent.RefundNotified.class);
    RefundResult result = ((CallbackEvent.RefundNotified) event).result();
    assertThat(result.refundNo()).isEqualTo("REF-CB-0002");
    assertThat(result.paymentNo()).isEqualTo(paymentNo);
    assertThat(result.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(result.channelRefundId()).isEqualTo(refund.refundId());
    assertThat(result.completedAt()).isNotNull();
  }

  @Test
  void notificationSignedWithinTheAllowedSkewIsAccepted() {
    String paymentNo = paidOrder("PAY-CB-0003");
    NotificationRequest fourMinutesOld =
        sim.transactionNotification(paymentNo)
            .timestamp(Instant.now().minus(Duration.ofMinutes(4)))
            .build();

    assertThat(channel.parseCallback(asCallback(fourMinutesOld)))
        .isInstanceOf(CallbackEvent.PaymentNotified.class);
  }

  @ParameterizedTest
  @EnumSource(Tamper.class)
  void spoiledNotificationIsRejectedWithA4xx(Tamper tamper) {
    String paymentNo = paidOrder("PAY-CB-" + tamper.ordinal() + "-TAMPER");
    NotificationRequest spoiled = sim.transactionNotification(paymentNo).tamper(tamper).build();

    assertRejected(() -> channel.parseCallback(asCallback(spoiled)), expectedStatus(tamper));
  }

  private static int expectedStatus(Tamper tamper) {
    return switch (tamper) {
      case BAD_SIGNATURE, UNKNOWN_SERIAL, SIGNATURE_PROBE, BODY_CHANGED_AFTER_SIGNING -> 401;
      case MALFORMED_JSON, WRONG_API_V3_KEY -> 400;
    };
  }

  @Test
  void spoiledRefundNotificationIsRejected() {
    String paymentNo = paidOrder("PAY-CB-0004");
    channel.refund(new RefundRequest("REF-CB-0004", paymentNo, null, 100, 999, ""));
    sim.completeRefund("REF-CB-0004");
    NotificationRequest spoiled =
        sim.refundNotification("REF-CB-0004").tamper(Tamper.BODY_CHANGED_AFTER_SIGNING).build();

    assertRejected(() -> channel.parseCallback(asCallback(spoiled)), 401);
  }

  @Test
  void notificationOlderThanTheMaxSkewIsRejectedAsStale() {
    String paymentNo = paidOrder("PAY-CB-0005");
    NotificationRequest replayed =
        sim.transactionNotification(paymentNo)
            .timestamp(Instant.now().minus(Duration.ofMinutes(6)))
            .build();

    assertThatThrownBy(() -> channel.parseCallback(asCallback(replayed)))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
        .hasMessageContaining("behind the clock");
  }

  @Test
  void notificationFromBeyondTheMaxSkewInTheFutureIsRejected() {
    String paymentNo = paidOrder("PAY-CB-0006");
    NotificationRequest future =
        sim.transactionNotification(paymentNo)
            .timestamp(Instant.now().plus(Duration.ofMinutes(6)))
            .build();

    assertThatThrownBy(() -> channel.parseCallback(asCallback(future)))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
        .hasMessageContaining("ahead of the clock");
  }

  @Test
  void notificationOfAnotherWechatPayMerchantIsRejected() {
    try (WechatPaySimulator other =
        WechatPaySimulator.builder()
            .merchantId("1900000002")
            .appId("wx9999999999999999")
            .build()
            .start()) {
      WechatPayChannel otherChannel = channelFor(other);
      otherChannel.prepay(prepay("PAY-CB-0007", TradeType.JSAPI, 999));
      other.pay("PAY-CB-0007");
      NotificationRequest foreign = other.transactionNotification("PAY-CB-0007").build();

      assertRejected(() -> channel.parseCallback(asCallback(foreign)), 401);
    }
  }

  @Test
  void validlySignedNotificationForAnotherMerchantIdIsRejected() {
    // Same WeChat keys, other mchid: only the merchant check can refuse it.
    WechatPayChannel otherMerchant =
        WechatPayChannel.create(configFor(sim).merchantId("1900000002").build());
    String paymentNo = paidOrder("PAY-CB-0008");
    CallbackRequest notification = asCallback(sim.transactionNotification(paymentNo).build());

    assertThatThrownBy(() -> otherMerchant.parseCallback(notification))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(403))
        .hasMessageContaining("merchant " + sim.merchantId());
  }

  @Test
  void validlySignedNotificationForAnotherAppIdIsRejected() {
    WechatPayChannel otherApp =
        WechatPayChannel.create(configFor(sim).appId("wx7777777777777777").build());
    String paymentNo = paidOrder("PAY-CB-0009");
    CallbackRequest notification = asCallback(sim.transactionNotification(paymentNo).build());

    assertThatThrownBy(() -> otherApp.parseCallback(notification))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(403))
        .hasMessageContaining("appid " + sim.appId());
  }

  @Test
  void rejectionNeverRevealsTheApiV3Key() {
    String paymentNo = paidOrder("PAY-CB-0010");
    NotificationRequest spoiled =
        sim.transactionNotification(paymentNo).tamper(Tamper.WRONG_API_V3_KEY).build();

    assertThatThrownBy(() -> channel.parseCallback(asCallback(spoiled)))
        .isInstanceOf(CallbackRejectedException.class)
        .satisfies(
            e -> {
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(sim.apiV3Key());
              }
            });
  }

  private static void assertRejected(ThrowingCallable call, int status) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(status));
  }
}
