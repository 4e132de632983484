package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.event.CallbackRejected;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import io.payflow.core.testing.TestData;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callbacks that cannot be taken as they come, and what the channel is answered. */
class CallbackEdgeTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void callbackWithoutAChannelIdIsAnsweredNotFound() {
    CallbackAnswer answer = shop.flow.handleCallback(null, new CallbackRequest("{}", Map.of()));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(shop.events.of(CallbackRejected.class))
        .singleElement()
        .satisfies(e -> assertThat(e.channel()).isEqualTo("null"));
  }

  @Test
  void missingRequestIsAnsweredBadRequest() {
    CallbackAnswer answer = shop.flow.handleCallback(FakeChannel.ID, null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("empty callback");
  }

  @Test
  void callbackTheChannelCannotReadIsAnsweredWithARetry() {
    shop.close();
    FakeChannel broken = new FakeChannel();
    try (PayFlow flow =
        PayFlow.builder()
            .inventory(new InMemoryInventoryService())
            .priceCatalog(new InMemoryPriceCatalog())
            .channel(TestData.throwingOnParse(broken, new IllegalStateException("parser bug")))
            .build()) {

      CallbackAnswer answer =
          flow.handleCallback(FakeChannel.ID, new CallbackRequest("{}", Map.of()));

      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.body()).contains("please retry");
    }
  }

  @Test
  void callbackThroughAnotherChannelThanThePaymentsIsRefused() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    FakeChannel alipay = new FakeChannel();
    try (PayFlow other =
        PayFlow.builder()
            .orderStore(shop.store)
            .inventory(new InMemoryInventoryService())
            .priceCatalog(new InMemoryPriceCatalog())
            .channel(TestData.renamed(alipay, "alipay"))
            .build()) {

      CallbackAnswer answer =
          other.handleCallback(
              "alipay", alipay.signed(FakeChannel.success(paymentNo, order.totalAmount())));

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body()).contains("belongs to channel wechat");
      assertThat(shop.record(order.orderNo()).order().status())
          .isEqualTo(OrderStatus.PENDING_PAYMENT);
    }
  }

  @Test
  void callbackReportingZeroFenIsCheckedByAQuery() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.channel.onQuery = no -> FakeChannel.success(no, order.totalAmount());

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID, shop.channel.signed(FakeChannel.success(paymentNo, 0)));

    assertThat(answer.status()).isEqualTo(204);
    assertThat(shop.channel.queries).containsExactly(paymentNo);
  }

  @Test
  void callbackWithoutAnAmountIsTakenWithoutAQuery() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID, shop.channel.signed(TestData.paidWithoutTime(paymentNo, -1)));
    shop.settle();

    assertThat(answer.status()).isEqualTo(204);
    assertThat(shop.channel.queries).isEmpty();
    assertThat(shop.record(order.orderNo()).order().status()).isEqualTo(OrderStatus.FULFILLING);
  }

  @Test
  void queryAnsweringForAnotherPaymentIsNotApplied() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.channel.onQuery =
        no -> TestData.forPayment(FakeChannel.success(no, order.totalAmount()), "SOMEONE-ELSE");

    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID, shop.channel.signed(FakeChannel.success(paymentNo, 1)));

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body()).contains("another payment");
    assertThat(shop.record(order.orderNo()).order().status())
        .isEqualTo(OrderStatus.PENDING_PAYMENT);
  }

  @Test
  void refundCallbackForAnUnknownRefundIsAnsweredNotFound() {
    CallbackAnswer answer =
        shop.flow.handleCallback(
            FakeChannel.ID,
            shop.channel.signed(
                new CallbackEvent.RefundNotified(
                    TestData.refundResult(
                        "NOPE-R1", "NOPE-P1", RefundStatus.SUCCEEDED, "SUCCESS"))));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body()).contains("unknown refund number NOPE-R1");
  }

  @Test
  void successCallbackIsAcknowledgedInTheTrace() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();

    shop.flow.handleCallback(
        FakeChannel.ID, shop.channel.signed(FakeChannel.success(paymentNo, order.totalAmount())));
    shop.settle();

    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .contains(
            "WP->>PS: 支付结果回调 @alt:订单创建成功/alt:微信下单成功",
            "PS-->>WP: 确认回调处理成功 @alt:订单创建成功/alt:微信下单成功/alt:支付成功");
    assertThat(shop.events.of(io.payflow.core.event.OrderStatusChanged.class))
        .filteredOn(e -> e.to() == OrderStatus.PAID)
        .singleElement()
        .satisfies(e -> assertThat(e.cause()).isEqualTo("callback"));
  }

  @Test
  void failureCallbackIsAcknowledgedInTheTraceWhetherOrNotTheOrderFails() {
    Order order = shop.order(1);
    String first = shop.pay(order).payment().paymentNo();
    String second =
        shop.flow
            .startPayment(
                new StartPaymentRequest(
                    order.orderNo(),
                    FakeChannel.ID,
                    io.payflow.core.model.TradeType.NATIVE,
                    null,
                    null))
            .payment()
            .paymentNo();

    shop.flow.handleCallback(
        FakeChannel.ID, shop.channel.signed(FakeChannel.failure(first, order.totalAmount())));
    shop.flow.handleCallback(
        FakeChannel.ID, shop.channel.signed(FakeChannel.failure(second, order.totalAmount())));
    shop.settle();

    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .filteredOn(a -> a.startsWith("PS-->>WP: 确认回调处理成功"))
        .containsOnly("PS-->>WP: 确认回调处理成功 @alt:订单创建成功/alt:微信下单成功/else:支付失败")
        .hasSize(2);
  }

  @Test
  void lateSuccessCallbackIsAcknowledgedInTheLatePaymentBlock() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.flow.cancel(order.orderNo(), "用户取消");

    shop.flow.handleCallback(
        FakeChannel.ID, shop.channel.signed(FakeChannel.success(paymentNo, order.totalAmount())));
    shop.settle();

    assertThat(TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .contains(
            "PS->>PS: 记录迟到的支付 @alt:订单创建成功/alt:迟到的支付", "PS-->>WP: 确认回调处理成功 @alt:订单创建成功/alt:迟到的支付");
  }
}
