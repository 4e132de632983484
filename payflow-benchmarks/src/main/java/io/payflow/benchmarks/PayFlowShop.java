package io.payflow.benchmarks;

import io.payflow.core.PayFlow;
import io.payflow.core.PaymentStart;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.OrderStore;

/**
 * payflow on its in-memory SPIs with a fake channel, effects run on the calling thread: one call of
 * {@link #lifecycle()} is an order created, prepaid, paid and its effects (stock confirmed, one
 * notification, fulfilment started) done, with the outbox, events and trace that go with them.
 * Threadsafe.
 */
final class PayFlowShop implements AutoCloseable {

  final MutableClock clock = MutableClock.ticking(Fixtures.START);
  final FakeChannel channel = new FakeChannel("fake", clock, null);
  final Fixtures.CountingNotifier notifier = new Fixtures.CountingNotifier();
  final OrderStore store;
  final PayFlow flow;

  PayFlowShop() {
    this(new InMemoryOrderStore());
  }

  PayFlowShop(OrderStore store) {
    this.store = store;
    this.flow =
        Fixtures.flow(clock, store, channel, new DirectExecutor(), new SequenceNumbers("PF"))
            .notifier(notifier)
            .build();
  }

  Order lifecycle() {
    Order order = flow.createOrder(Fixtures.ORDER);
    PaymentStart start =
        flow.startPayment(
            new StartPaymentRequest(order.orderNo(), channel.id(), TradeType.NATIVE, null, null));
    Order paid =
        flow.handlePaymentResult(
            Fixtures.succeeded(channel.id(), start.payment().paymentNo(), clock.instant()));
    if (paid.status() != OrderStatus.PAID) {
      throw new IllegalStateException("order " + order.orderNo() + " is " + paid.status());
    }
    return paid;
  }

  @Override
  public void close() {
    flow.close();
  }
}
