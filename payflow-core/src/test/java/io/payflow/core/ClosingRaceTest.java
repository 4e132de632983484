package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A payment that starts while its order is being closed is closed at the channel too. */
class ClosingRaceTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void paymentStartedWhileACancelRunsIsClosedAtTheChannelToo() {
    // given an order with one prepaid payment, and a second payment started while the cancel is
    // closing the first at the channel
    Order order = shop.order(1);
    String first = shop.pay(order).payment().paymentNo();
    AtomicReference<String> second = new AtomicReference<>();
    shop.channel.onClose =
        no -> {
          if (no.equals(first) && second.get() == null) {
            second.set(
                shop.flow
                    .startPayment(
                        new StartPaymentRequest(
                            order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null))
                    .payment()
                    .paymentNo());
          }
        };

    // when
    Order cancelled = shop.flow.cancel(order.orderNo(), "用户取消");
    shop.settle();

    // then both are closed, here and at the channel, so that nobody can pay the second one
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CLOSED);
    var record = shop.record(order.orderNo());
    assertThat(record.payment(second.get()).orElseThrow().status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(shop.channel.closes).containsExactly(first, second.get());
    assertThat(shop.inventory.releases(order.orderNo())).isEqualTo(1);
  }

  @Test
  void paymentWhoseOrderClosedDuringItsPrepayIsClosedAtTheChannelAfterThePrepay() {
    // given a prepay during which the order is cancelled; the channel does not know the payment
    // yet when the cancel closes it
    Order order = shop.order(1);
    List<String> calls = new CopyOnWriteArrayList<>();
    shop.channel.onPrepay =
        r -> {
          shop.flow.cancel(order.orderNo(), "用户取消");
          calls.add("prepaid " + r.paymentNo());
          return new io.payflow.core.channel.Prepaid(
              java.util.Map.of("prepay_id", "wx1"), java.util.Map.of("package", "prepay_id=wx1"));
        };
    shop.channel.onClose =
        no -> {
          calls.add("close " + no);
          if (calls.stream().noneMatch(c -> c.startsWith("prepaid"))) {
            throw new ChannelException(ChannelErrorKind.NOT_FOUND, "ORDER_NOT_EXIST", "不存在");
          }
        };

    // when
    assertThatThrownBy(() -> shop.pay(order)).isInstanceOf(OrderNotPayableException.class);
    shop.settle();

    // then the payment, prepaid after all, is closed at the channel once the prepay answered
    var record = shop.record(order.orderNo());
    String paymentNo = record.payments().get(0).paymentNo();
    assertThat(record.order().status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(record.payments().get(0).status()).isEqualTo(PaymentStatus.CLOSED);
    // the cancel's close (not found: the prepay had not landed) comes first; closes owed by the
    // transitions (the prepay's answer, the cancel's "not found" owed again) may run before or
    // after
    // the prepay lands; closing is idempotent at the channel
    int prepaid = calls.indexOf("prepaid " + paymentNo);
    assertThat(calls).containsOnlyOnce("prepaid " + paymentNo);
    assertThat(calls.subList(0, prepaid)).isNotEmpty().containsOnly("close " + paymentNo);
    assertThat(calls.subList(prepaid + 1, calls.size()))
        .as("closed at the channel after the prepay landed there")
        .isNotEmpty()
        .containsOnly("close " + paymentNo);
  }

  @Test
  void cancelThatLosesToASuccessReturnsThePaidOrder() {
    Order order = shop.order(1);
    String paymentNo = shop.pay(order).payment().paymentNo();
    shop.channel.onClose =
        no -> shop.flow.handlePaymentResult(FakeChannel.success(no, order.totalAmount()));

    Order after = shop.flow.cancel(order.orderNo(), "用户取消");
    shop.settle();

    // the paid order, whether or not its fulfilment effect has run yet
    assertThat(after.status()).isIn(OrderStatus.PAID, OrderStatus.FULFILLING);
    assertThat(after.paidAt()).isNotNull();
    assertThat(shop.record(order.orderNo()).payment(paymentNo).orElseThrow().status())
        .isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(shop.inventory.releases(order.orderNo())).isZero();
    assertThat(shop.inventory.confirms(order.orderNo())).isEqualTo(1);
  }

  @Test
  void cancelClosesOnlyTheOpenPaymentsAndLeavesAFailedOneFailed() {
    Order order = shop.order(1);
    String failed = shop.pay(order).payment().paymentNo();
    String open =
        shop.flow
            .startPayment(
                new StartPaymentRequest(
                    order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null))
            .payment()
            .paymentNo();
    shop.flow.handlePaymentResult(FakeChannel.failure(failed, order.totalAmount()));

    shop.flow.cancel(order.orderNo(), "用户取消");
    shop.settle();

    var record = shop.record(order.orderNo());
    assertThat(shop.channel.closes).containsExactly(open);
    assertThat(record.payment(failed).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(record.payment(open).orElseThrow().status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(io.payflow.core.testing.TestData.arrows(shop.store, order.orderNo()))
        .containsSubsequence("PS->>WP: 关闭支付订单", "OS->>OS: 更新订单状态为已关闭", "OS->>OS: 释放锁定库存");
    assertThat(io.payflow.core.testing.TestData.arrowsInBlocks(shop.store, order.orderNo()))
        .contains("PS->>WP: 关闭支付订单 @alt:订单创建成功/alt:订单关闭");
    assertThat(shop.events.of(io.payflow.core.event.OrderStatusChanged.class))
        .filteredOn(e -> e.to() == OrderStatus.CLOSED)
        .singleElement()
        .satisfies(e -> assertThat(e.cause()).isEqualTo("cancelled"));
  }

  @Test
  void supersededPaymentThatWasPaidBeforeItsCloseRanIsNotClosed() {
    // given the close of the other payment is held back while that payment is paid too
    shop.close();
    io.payflow.core.testing.SwitchableExecutor executor =
        new io.payflow.core.testing.SwitchableExecutor();
    try (PayFlow flow =
        PayFlow.builder()
            .inventory(new io.payflow.core.memory.InMemoryInventoryService().stock("SKU-1", 5))
            .priceCatalog(new io.payflow.core.memory.InMemoryPriceCatalog().price("SKU-1", 1_000))
            .channel(shop.channel)
            .effectExecutor(executor)
            .build()) {
      Order order =
          flow.createOrder(
              CreateOrderRequest.of(
                  "u", List.of(new io.payflow.core.model.OrderLine("SKU-1", 1, 1_000))));
      String first = native_(flow, order, TradeType.NATIVE);
      String second = native_(flow, order, TradeType.APP);
      executor.rejecting = true;
      flow.handlePaymentResult(FakeChannel.success(first, 1_000));
      flow.handlePaymentResult(FakeChannel.success(second, 1_000));

      // when the held effects run
      executor.rejecting = false;
      flow.runDueEffects();

      // then the second is not closed but refunded as a late payment
      assertThat(shop.channel.closes).isEmpty();
      var details = flow.find(order.orderNo()).orElseThrow();
      assertThat(details.payments())
          .allSatisfy(p -> assertThat(p.status()).isEqualTo(PaymentStatus.SUCCEEDED));
      assertThat(details.refunds())
          .singleElement()
          .satisfies(r -> assertThat(r.paymentNo()).isEqualTo(second));
    }
  }

  @Test
  void closeThatFindsThePaymentAlreadyPaidRunsTheLatePaymentPath() {
    Order order = shop.order(1);
    String first = shop.pay(order).payment().paymentNo();
    String second =
        shop.flow
            .startPayment(
                new StartPaymentRequest(
                    order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null))
            .payment()
            .paymentNo();
    shop.channel.onClose =
        no -> {
          throw new ChannelException(ChannelErrorKind.ALREADY_PAID, "ORDERPAID", "已支付");
        };
    shop.channel.onQuery =
        no ->
            FakeChannel.result(
                no,
                io.payflow.core.channel.PaymentOutcome.SUCCEEDED,
                order.totalAmount(),
                io.payflow.core.channel.PaymentResult.Source.QUERY);

    shop.flow.handlePaymentResult(FakeChannel.success(first, order.totalAmount()));
    shop.settle();

    var record = shop.record(order.orderNo());
    assertThat(record.payment(second).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(record.refunds())
        .singleElement()
        .satisfies(r -> assertThat(r.paymentNo()).isEqualTo(second));
  }

  @Test
  void closeTheChannelCannotDoNowIsRetriedAndThenRecorded() {
    Order order = shop.order(1);
    String first = shop.pay(order).payment().paymentNo();
    String second =
        shop.flow
            .startPayment(
                new StartPaymentRequest(
                    order.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null))
            .payment()
            .paymentNo();
    shop.channel.onClose =
        no -> {
          if (shop.channel.closes.size() == 1) {
            throw new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "busy");
          }
          throw new ChannelException(ChannelErrorKind.ALREADY_CLOSED, "ORDERCLOSED", "已关闭");
        };

    shop.flow.handlePaymentResult(FakeChannel.success(first, order.totalAmount()));
    shop.settle();
    assertThat(shop.record(order.orderNo()).payment(second).orElseThrow().status())
        .isEqualTo(PaymentStatus.PREPAID);
    shop.clock.advance(java.time.Duration.ofSeconds(1));
    shop.flow.runDueEffects();

    assertThat(shop.channel.closes).containsExactly(second, second);
    assertThat(shop.record(order.orderNo()).payment(second).orElseThrow().status())
        .isEqualTo(PaymentStatus.CLOSED);
  }

  @Test
  void orderWhosePaymentUsesAChannelThisInstanceLacksCannotBeCancelledHere() {
    Order order = shop.order(1);
    shop.pay(order);
    try (PayFlow other =
        PayFlow.builder()
            .orderStore(shop.store)
            .inventory(new io.payflow.core.memory.InMemoryInventoryService())
            .priceCatalog(new io.payflow.core.memory.InMemoryPriceCatalog())
            .channel(io.payflow.core.testing.TestData.renamed(new FakeChannel(), "alipay"))
            .build()) {

      assertThatThrownBy(() -> other.cancel(order.orderNo(), "用户取消"))
          .isInstanceOf(PayFlowException.class)
          .hasMessageContaining("uses channel 'wechat', not configured");
      assertThat(shop.record(order.orderNo()).order().status())
          .isEqualTo(OrderStatus.PENDING_PAYMENT);
    }
  }

  private static String native_(PayFlow flow, Order order, TradeType type) {
    return flow.startPayment(
            new StartPaymentRequest(order.orderNo(), FakeChannel.ID, type, null, null))
        .payment()
        .paymentNo();
  }

  @Test
  void supersededPaymentThatFailedBeforeItsCloseRanIsClosed() {
    shop.close();
    io.payflow.core.testing.SwitchableExecutor executor =
        new io.payflow.core.testing.SwitchableExecutor();
    try (PayFlow flow =
        PayFlow.builder()
            .inventory(new io.payflow.core.memory.InMemoryInventoryService().stock("SKU-1", 5))
            .priceCatalog(new io.payflow.core.memory.InMemoryPriceCatalog().price("SKU-1", 1_000))
            .channel(shop.channel)
            .effectExecutor(executor)
            .build()) {
      Order order =
          flow.createOrder(
              CreateOrderRequest.of(
                  "u", List.of(new io.payflow.core.model.OrderLine("SKU-1", 1, 1_000))));
      String first = native_(flow, order, TradeType.NATIVE);
      String second = native_(flow, order, TradeType.APP);
      executor.rejecting = true;
      flow.handlePaymentResult(FakeChannel.success(first, 1_000));
      flow.handlePaymentResult(FakeChannel.failure(second, 1_000));

      executor.rejecting = false;
      flow.runDueEffects();

      assertThat(shop.channel.closes).containsExactly(second);
      assertThat(flow.find(order.orderNo()).orElseThrow().payments())
          .extracting(p -> p.status())
          .containsExactly(PaymentStatus.SUCCEEDED, PaymentStatus.CLOSED);
    }
  }
}
