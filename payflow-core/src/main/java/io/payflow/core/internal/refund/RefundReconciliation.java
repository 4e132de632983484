package io.payflow.core.internal.refund;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.Committed;
import io.payflow.core.internal.flow.DueWorkSweep;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refund reconciliation: asks the channel ({@link PaymentChannel#queryRefund}) about refunds that
 * have been {@code CREATED} or {@code PROCESSING} for longer than {@link
 * PayFlowConfig#reconcileQueryAfter()} (their callback lost, or never sent), and applies the answer
 * as a refund callback's would be. The refunds are claimed through the store; one the channel still
 * processes is deferred with backoff.
 *
 * <p>Never guess: a refund the channel does not know is left to the effect that submits it, never
 * decided failed.
 *
 * <p>This class is threadsafe.
 */
public final class RefundReconciliation {

  private static final Logger log = LoggerFactory.getLogger(RefundReconciliation.class);

  private final OrderStore store;
  private final Channels channels;
  private final RefundResults results;
  private final EffectDispatch dispatch;
  private final DueWorkSweep sweep;
  private final Clock clock;
  private final PayFlowConfig config;

  public RefundReconciliation(
      OrderStore store,
      Channels channels,
      RefundResults results,
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

  /** Claims, queries and settles one batch; returns how many refunds had an answer applied. */
  public int reconcile() {
    int[] applied = new int[1];
    sweep.run(
        DueWorkKind.REFUND_CHECK,
        clock.instant().minus(config.reconcileQueryAfter()),
        work -> settle(work, applied));
    return applied[0];
  }

  private DueWorkSweep.Verdict settle(DueWork work, int[] applied) {
    Optional<OrderRecord> record = store.load(work.orderNo());
    Optional<Refund> found = record.flatMap(r -> r.refund(work.key()));
    if (found.isEmpty() || !awaiting(found.get().status())) {
      return DueWorkSweep.Verdict.settled();
    }
    Refund refund = found.get();
    Optional<Payment> payment = record.get().payment(refund.paymentNo());
    Optional<PaymentChannel> channel = payment.flatMap(p -> channels.find(p.channel()));
    if (channel.isEmpty()) {
      log.warn("payflow cannot query refund {}: no channel for it", refund.refundNo());
      return DueWorkSweep.Verdict.later();
    }
    RefundResult result;
    try {
      result = channel.get().queryRefund(refund.refundNo());
    } catch (ChannelException e) {
      if (e.kind() == ChannelErrorKind.NOT_FOUND) {
        return DueWorkSweep.Verdict.later(); // not submitted yet: its effect does that
      }
      throw e;
    }
    if (!refund.refundNo().equals(result.refundNo())) {
      log.warn("payflow: the query of {} answered for {}", refund.refundNo(), result.refundNo());
      return DueWorkSweep.Verdict.later();
    }
    Committed committed = dispatch.dispatched(results.apply(work.orderNo(), result, false));
    applied[0]++;
    boolean open =
        committed
            .record()
            .refund(refund.refundNo())
            .map(after -> awaiting(after.status()))
            .orElse(false);
    return open ? DueWorkSweep.Verdict.later() : DueWorkSweep.Verdict.settled();
  }

  private static boolean awaiting(RefundStatus status) {
    return status == RefundStatus.CREATED || status == RefundStatus.PROCESSING;
  }
}
