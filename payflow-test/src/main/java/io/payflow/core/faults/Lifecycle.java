package io.payflow.core.faults;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The steps of an order's life that the fault runs break, and the script that walks an order
 * through them in a {@link FaultWorld}, every call through instance {@code slot}. Each step is what
 * a shop, a payer or the channel does; a step that fails or crashes is followed by what would
 * follow in life (the payer retries, the channel redelivers, the sweeps run).
 */
public final class Lifecycle {

  /** A step of an order's life. */
  public enum Step {
    CREATE,
    PAY,
    SUCCESS,
    FAILURE,
    EXPIRY,
    CANCEL,
    REFUND,
    LATE_SUCCESS
  }

  private final FaultWorld w;
  private final int slot;
  private String orderNo = "";

  public Lifecycle(FaultWorld w, int slot) {
    this.w = w;
    this.slot = slot;
  }

  public String orderNo() {
    return orderNo;
  }

  /** Walks one order to and through {@code target}; the fault plan's armed faults hit that step. */
  public void run(Step target, Runnable arm) {
    step(target == Step.CREATE, arm, this::create);
    if (orderNo.isEmpty() || w.store.load(orderNo).isEmpty()) {
      return;
    }
    step(target == Step.PAY, arm, this::pay);
    switch (target) {
      case CREATE, PAY, SUCCESS -> {
        payIfNeeded();
        step(
            target == Step.SUCCESS,
            arm,
            () -> w.channel.paymentsOf(orderNo).forEach(p -> w.channel.payerPays(p.paymentNo())));
        step(target == Step.SUCCESS, arm, this::deliverCallbacks);
      }
      case FAILURE -> {
        w.channel.paymentsOf(orderNo).forEach(p -> w.channel.payerFails(p.paymentNo()));
        step(true, arm, this::deliverCallbacks);
      }
      case EXPIRY -> {
        w.clock.advance(w.config.orderExpireAfter().plusSeconds(1));
        step(true, arm, () -> w.call(slot, "closeExpiredOrders", f -> f.closeExpiredOrders()));
      }
      case CANCEL -> step(true, arm, () -> w.call(slot, "cancel", f -> f.cancel(orderNo, "不要了")));
      case REFUND -> {
        payIfNeeded();
        w.channel.paymentsOf(orderNo).forEach(p -> w.channel.payerPays(p.paymentNo()));
        deliverCallbacks();
        step(true, arm, () -> w.call(slot, "refund", f -> f.refund(orderNo, 400, "退一件")));
        step(true, arm, () -> w.channel.settleRefunds());
        step(true, arm, this::deliverCallbacks);
        w.call(slot, "refund", f -> f.refund(orderNo, 600 + FaultWorld.PRICE_2, "退余下"));
      }
      case LATE_SUCCESS -> {
        w.call(slot, "cancel", f -> f.cancel(orderNo, "不要了"));
        w.channel.paymentsOf(orderNo).forEach(p -> w.channel.payerPaysLate(p.paymentNo()));
        step(true, arm, this::deliverCallbacks);
      }
    }
  }

  private void step(boolean faulted, Runnable arm, Runnable action) {
    if (faulted) {
      arm.run();
    }
    try {
      action.run();
      w.awaitEffects();
    } finally {
      if (faulted) {
        w.faults.disarm();
      }
    }
  }

  private void create() {
    Order[] made = new Order[1];
    w.call(
        slot,
        "createOrder",
        f ->
            made[0] =
                f.createOrder(
                    new CreateOrderRequest(
                        "buyer-1",
                        List.of(
                            new OrderLine(FaultWorld.SKU, 1, FaultWorld.PRICE),
                            new OrderLine(FaultWorld.SKU_2, 1, FaultWorld.PRICE_2)),
                        null,
                        Duration.ofMinutes(30))));
    if (made[0] != null) {
      orderNo = made[0].orderNo();
    } else {
      List<String> drawn = w.orderNos();
      orderNo = drawn.isEmpty() ? "" : drawn.get(drawn.size() - 1);
    }
  }

  private void pay() {
    w.call(
        slot,
        "startPayment",
        f ->
            f.startPayment(
                new StartPaymentRequest(
                    orderNo, SimulatedChannel.ID, TradeType.JSAPI, "openid-1", null)));
  }

  /** The payer tries again if the first start did not get as far as the channel. */
  private void payIfNeeded() {
    Optional<SimulatedChannel.ChannelPayment> open =
        w.channel.paymentsOf(orderNo).stream()
            .filter(p -> p.state() == SimulatedChannel.TradeState.NOTPAY)
            .findFirst();
    if (open.isEmpty()) {
      pay();
    }
  }

  /** Delivers every callback the channel owes once; acknowledged ones leave its outbox. */
  private void deliverCallbacks() {
    for (CallbackRequest cb : w.channel.outbox()) {
      if (w.deliver(slot, cb)) {
        w.channel.remove(cb);
      }
    }
  }
}
