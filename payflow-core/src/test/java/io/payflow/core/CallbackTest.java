package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.event.CallbackRejected;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.ForwardingOrderStore;
import io.payflow.core.testing.Shop;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callbacks: verification, amount checks, answers. */
class CallbackTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void callbackWithAnotherAmountIsNotTrustedTheQueryAnswerIsAppliedInstead() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.channel.onQuery =
        no ->
            FakeChannel.result(
                no, PaymentOutcome.FAILED, order.totalAmount(), PaymentResult.Source.QUERY);

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID, shop.channel.signed(FakeChannel.success(paymentNo, 1)));
    shop.settle();

    assertThat(answer.status()).isEqualTo(204);
    assertThat(shop.channel.queries).containsExactly(paymentNo);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(shop.inventory.confirms(order.orderNo())).isZero();
  }

  @Test
  void amountMismatchWhoseQueryFailsAsksTheChannelToRetryAndChangesNothing() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    OrderRecord before = shop.record(order.orderNo());
    shop.channel.onQuery =
        no -> {
          throw new ChannelException(ChannelErrorKind.UNKNOWN_OUTCOME, null, "timeout");
        };

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID, shop.channel.signed(FakeChannel.success(paymentNo, 1)));

    assertThat(answer.status()).isEqualTo(500);
    assertThat(shop.record(order.orderNo())).isEqualTo(before);
  }

  @Test
  void successWhoseQueryAlsoReportsAnotherAmountIsNotAppliedAndTheChannelRetries() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    OrderRecord before = shop.record(order.orderNo());
    shop.channel.onQuery =
        no -> FakeChannel.result(no, PaymentOutcome.SUCCEEDED, 1, PaymentResult.Source.QUERY);

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID, shop.channel.signed(FakeChannel.success(paymentNo, 1)));
    shop.settle();

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body()).contains("金额不符").contains(order.totalAmount() + " fen");
    assertThat(shop.record(order.orderNo())).isEqualTo(before);
    assertThat(shop.inventory.confirms(order.orderNo())).isZero();
    assertThat(shop.events.of(CallbackRejected.class))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains(paymentNo));
  }

  @Test
  void paymentResultWithAnotherAmountIsRefusedAndChangesNothing() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    OrderRecord before = shop.record(order.orderNo());

    assertThatThrownBy(() -> shop.flow.handlePaymentResult(FakeChannel.success(paymentNo, 1)))
        .isInstanceOf(PaymentAmountMismatchException.class)
        .hasMessageContaining("reports 1 fen");
    assertThat(shop.record(order.orderNo())).isEqualTo(before);
  }

  @Test
  void rejectedCallbackChangesNothingAndIsAnnounced() {
    Order order = shop.order(1);
    shop.pay(order);
    OrderRecord before = shop.record(order.orderNo());

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID, new CallbackRequest("{\"forged\":true}", Map.of()));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("signature");
    assertThat(shop.record(order.orderNo())).isEqualTo(before);
    assertThat(shop.events.of(CallbackRejected.class))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("signature"));
  }

  @Test
  void callbackForAnUnknownPaymentNumberIsRejectedWithAClearMessage() {
    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID, shop.channel.signed(FakeChannel.success("NO-SUCH-PAYMENT", 100)));

    assertThat(answer.status()).isBetween(400, 499);
    assertThat(answer.body()).contains("unknown payment number NO-SUCH-PAYMENT");
  }

  @Test
  void callbackForAnUnknownChannelIsRejected() {
    CallbackAnswer answer = shop.flow.handleCallback("alipay", new CallbackRequest("{}", Map.of()));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(shop.events.of(CallbackRejected.class)).hasSize(1);
  }

  @Test
  void unknownChannelIdIsNotEchoedIntoTheJsonAnswer() {
    CallbackAnswer answer =
        shop.flow.handleCallback("x\",\"code\":\"SUCCESS", new CallbackRequest("{}", Map.of()));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body())
        .isEqualTo("{\"code\":\"NOT_FOUND\",\"message\":\"unknown payment channel\"}");
    assertThat(shop.events.of(CallbackRejected.class))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("x\",\"code\":\"SUCCESS"));
  }

  @Test
  void throwingListenerDoesNotBreakACallback() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.addListener(
        e -> {
          throw new IllegalStateException("listener bug");
        });

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID,
            shop.channel.signed(FakeChannel.success(paymentNo, order.totalAmount())));
    shop.settle();

    assertThat(answer.status()).isEqualTo(204);
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
  }

  @Test
  void unexpectedStoreFailureAnswersFiveHundredSoTheChannelRetries() {
    AtomicBoolean down = new AtomicBoolean();
    try (Shop failing =
        new Shop(
            c -> c,
            new ForwardingOrderStore() {
              @Override
              public void update(StoreUpdate update) {
                if (down.get()) {
                  throw new PayFlowException(PayFlowErrorCode.STORE_FAILURE, "connection refused");
                }
                super.update(update);
              }
            })) {
      Order order = failing.order(1);
      String paymentNo = failing.pay(order).payment().paymentNo();
      down.set(true);

      CallbackAnswer answer =
          failing.flow.handleCallback(
              FakeChannel.ID,
              failing.channel.signed(FakeChannel.success(paymentNo, order.totalAmount())));

      assertThat(answer.status()).isEqualTo(500);
      assertThat(failing.record(order.orderNo()).order().status())
          .isEqualTo(OrderStatus.PENDING_PAYMENT);
    }
  }
}
