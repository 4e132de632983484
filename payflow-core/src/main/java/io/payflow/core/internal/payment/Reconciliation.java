package io.payflow.core.internal.payment;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.PaymentAmountMismatchException;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.Committed;
import io.payflow.core.internal.flow.DueWorkSweep;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation (主动查单): queries the channel for payments that have waited too long for a result,
 * and applies the answer as a callback's would be. The payments are claimed through the store, so
 * that no two instances query the same one at once, and one still pending is deferred with backoff
 * to the back of the queue, so that a backlog cannot starve newer payments.
 *
 * <p>Never guess: a {@code CREATED} payment is not queried before the prepay grace has passed since
 * it was created (its prepay may still be on its way), and a channel that does not know a payment
 * within the grace settles nothing.
 *
 * <p>This class is threadsafe.
 */
public final class Reconciliation {

  private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

  private final OrderStore store;
  private final Channels channels;
  private final PaymentResults results;
  private final EffectDispatch dispatch;
  private final DueWorkSweep sweep;
  private final Clock clock;
  private final PayFlowConfig config;

  public Reconciliation(
      OrderStore store,
      Channels channels,
      PaymentResults results,
      EffectDispatch dispatch,
      DueWorkSweep sweep,
      Clock clock,
      PayFlowConfig config) {
    this.store = store;
    this.channels = channels;
    this.results = results;
    this.dispatch = dispatch;
    this.sweep = sweep;
    this.clock = clock;
    this.config = config;
  }

  /** Claims, queries and settles one batch; returns how many payments had an answer applied. */
  public int reconcile() {
    int[] applied = new int[1];
    sweep.run(
        DueWorkKind.PAYMENT_CHECK,
        clock.instant().minus(config.reconcileQueryAfter()),
        work -> settle(work, applied));
    return applied[0];
  }

  private DueWorkSweep.Verdict settle(DueWork work, int[] applied) {
    Optional<Payment> found =
        store.load(work.orderNo()).flatMap((OrderRecord r) -> r.payment(work.key()));
    if (found.isEmpty() || !PaymentDecisions.OPEN.contains(found.get().status())) {
      return DueWorkSweep.Verdict.settled();
    }
    Payment p = found.get();
    Instant graceEnds = p.createdAt().plus(config.prepayGrace());
    if (p.status() == PaymentStatus.CREATED && clock.instant().isBefore(graceEnds)) {
      return DueWorkSweep.Verdict.at(graceEnds); // its prepay may still be on its way
    }
    Optional<PaymentChannel> channel = channels.find(p.channel());
    if (channel.isEmpty()) {
      log.warn("payflow cannot query payment {}: no channel '{}'", p.paymentNo(), p.channel());
      return DueWorkSweep.Verdict.later();
    }
    PaymentResult result = query(channel.get(), p);
    if (!p.paymentNo().equals(result.paymentNo())) {
      log.warn("payflow: the query of {} answered for {}", p.paymentNo(), result.paymentNo());
      return DueWorkSweep.Verdict.later();
    }
    if (result.outcome() == PaymentOutcome.NOT_FOUND && clock.instant().isBefore(graceEnds)) {
      return DueWorkSweep.Verdict.at(graceEnds);
    }
    Committed committed;
    try {
      committed = dispatch.dispatched(results.apply(result, false));
    } catch (PaymentAmountMismatchException e) {
      log.error("payflow could not reconcile payment {}: {}", p.paymentNo(), e.getMessage());
      return DueWorkSweep.Verdict.later();
    }
    applied[0]++;
    boolean open =
        committed
            .record()
            .payment(p.paymentNo())
            .map(after -> PaymentDecisions.OPEN.contains(after.status()))
            .orElse(false);
    return open ? DueWorkSweep.Verdict.later() : DueWorkSweep.Verdict.settled();
  }

  private static PaymentResult query(PaymentChannel channel, Payment p) {
    try {
      return channel.query(p.paymentNo());
    } catch (ChannelException e) {
      if (e.kind() != ChannelErrorKind.NOT_FOUND) {
        throw e;
      }
      return new PaymentResult(
          channel.id(),
          p.paymentNo(),
          PaymentOutcome.NOT_FOUND,
          e.channelCode() != null ? e.channelCode() : "NOT_FOUND",
          null,
          -1,
          null,
          e.getMessage(),
          PaymentResult.Source.QUERY);
    }
  }
}
