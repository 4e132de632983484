package io.payflow.core.faults;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import java.time.Duration;
import java.util.List;

/**
 * One step of a generated history: what a shop, a payer, the channel, the clock, a crash or a fault
 * does. Each runs on the thread of its {@link #lane()}, one lane per {@code PayFlow} instance; an
 * order or a callback is named by its index among those that exist when it runs. The record's text
 * is what a shrunk failing history prints.
 */
public sealed interface HistoryAction {

  /** The lane (and instance) this action runs on. */
  int lane();

  /** Does it in the world. */
  void run(FaultWorld w);

  static String order(FaultWorld w, int index) {
    List<String> drawn = w.orderNos();
    return drawn.isEmpty() ? "none" : drawn.get(index % drawn.size());
  }

  /** The shop creates an order of {@code units} of SKU-1 (and one SKU-2 when units is odd). */
  record Create(int lane, int units, int expireMinutes) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      List<OrderLine> lines =
          units % 2 == 1
              ? List.of(
                  new OrderLine(FaultWorld.SKU, units, FaultWorld.PRICE),
                  new OrderLine(FaultWorld.SKU_2, 1, FaultWorld.PRICE_2))
              : List.of(new OrderLine(FaultWorld.SKU, units, FaultWorld.PRICE));
      w.call(
          lane,
          toString(),
          f ->
              f.createOrder(
                  new CreateOrderRequest(
                      "buyer-" + lane, lines, null, Duration.ofMinutes(expireMinutes))));
    }
  }

  /** The buyer starts paying an order (a new prepay, or the earlier one resumed). */
  record Pay(int lane, int order) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      String no = HistoryAction.order(w, order);
      w.call(
          lane,
          toString(),
          f ->
              f.startPayment(
                  new StartPaymentRequest(
                      no, SimulatedChannel.ID, TradeType.JSAPI, "openid-" + order, null)));
    }
  }

  /** The payer pays (or their bank declines, or they pay a payment that was closed meanwhile). */
  record Payer(int lane, int order, How how) implements HistoryAction {
    /** What the payer manages. */
    public enum How {
      PAYS,
      FAILS,
      PAYS_LATE
    }

    @Override
    public void run(FaultWorld w) {
      String no = HistoryAction.order(w, order);
      for (SimulatedChannel.ChannelPayment p : w.channel.paymentsOf(no)) {
        boolean done =
            switch (how) {
              case PAYS -> w.channel.payerPays(p.paymentNo());
              case FAILS -> w.channel.payerFails(p.paymentNo());
              case PAYS_LATE -> w.channel.payerPaysLate(p.paymentNo());
            };
        if (done) {
          return;
        }
      }
    }
  }

  /**
   * The channel delivers one callback it owes, picked by index (so results arrive out of order);
   * {@code again} keeps it owed after an acknowledgement, so it comes again (a duplicate).
   */
  record Deliver(int lane, int callback, boolean again) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      List<CallbackRequest> owed = w.channel.outbox();
      if (owed.isEmpty()) {
        return;
      }
      CallbackRequest cb = owed.get(callback % owed.size());
      if (w.deliver(lane, cb) && !again) {
        w.channel.remove(cb);
      }
    }
  }

  /**
   * A callback is lost for good: only reconciliation can learn what it said. Not the one of a
   * payment paid after it was closed: nothing is left to reconcile a closed payment, and WeChat
   * retries a callback for 24 hours.
   */
  record Lose(int lane, int callback) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      List<CallbackRequest> owed = w.channel.outbox();
      if (!owed.isEmpty()) {
        CallbackRequest cb = owed.get(callback % owed.size());
        if (!w.channel.paidWhileClosed(cb)) {
          w.channel.remove(cb);
        }
      }
    }
  }

  /** The buyer cancels an order. */
  record Cancel(int lane, int order) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      String no = HistoryAction.order(w, order);
      w.call(lane, toString(), f -> f.cancel(no, "买错了"));
    }
  }

  /** The shop refunds part of an order (several may run at once on other instances). */
  record Refund(int lane, int order, long fen) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      String no = HistoryAction.order(w, order);
      w.call(lane, toString(), f -> f.refund(no, fen, "部分退款"));
    }
  }

  /** Time passes. */
  record Advance(int lane, int minutes) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      w.clock.advance(Duration.ofMinutes(minutes));
    }
  }

  /** One of the schedulers' sweeps runs on this instance. */
  record Sweep(int lane, Kind kind) implements HistoryAction {
    /** Which sweep. */
    public enum Kind {
      EXPIRE,
      RECONCILE_PAYMENTS,
      RECONCILE_REFUNDS,
      EFFECTS
    }

    @Override
    public void run(FaultWorld w) {
      w.call(
          lane,
          toString(),
          f ->
              switch (kind) {
                case EXPIRE -> f.closeExpiredOrders();
                case RECONCILE_PAYMENTS -> f.reconcilePayments();
                case RECONCILE_REFUNDS -> f.reconcileRefunds();
                case EFFECTS -> f.runDueEffects();
              });
    }
  }

  /** The channel finishes the refunds it was processing. */
  record SettleRefunds(int lane) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      w.channel.settleRefunds();
    }
  }

  /** The instance of lane {@code victim} crashes, wherever its threads are. */
  record Crash(int lane, int victim) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      w.crash(victim);
    }
  }

  /**
   * The next call at this boundary fails so: from this lane's instance if {@code anyInstance} is
   * false, else from whichever instance makes it first.
   */
  record Fault(int lane, Boundary boundary, FaultKind kind, boolean anyInstance)
      implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      w.faults.arm(
          new FaultPlan.Armed(boundary, kind, anyInstance ? FaultPlan.ANY_NODE : lane, k -> true));
    }
  }

  /** Runs nothing; the instance of this lane waits for its effects. */
  record AwaitEffects(int lane) implements HistoryAction {
    @Override
    public void run(FaultWorld w) {
      PayFlow f = w.node(lane).flow();
      try {
        f.awaitEffects(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (InjectedCrash e) {
        // gone
      }
    }
  }
}
