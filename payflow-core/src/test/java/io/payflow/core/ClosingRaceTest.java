package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
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
    assertThat(calls)
        .containsExactly("close " + paymentNo, "prepaid " + paymentNo, "close " + paymentNo);
  }
}
