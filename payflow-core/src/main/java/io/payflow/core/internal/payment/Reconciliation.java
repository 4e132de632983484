package io.payflow.core.internal.payment;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.PaymentAmountMismatchException;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.model.Payment;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation (主动查单): queries the channel for payments that have waited too long for a result,
 * and applies the answer as a callback's would be. A channel that does not know the payment means
 * the prepay never reached it. One payment's failure never stops the sweep.
 *
 * <p>This class is threadsafe.
 */
public final class Reconciliation {

  private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

  private final OrderStore store;
  private final Channels channels;
  private final PaymentResults results;
  private final EffectDispatch dispatch;
  private final Clock clock;
  private final PayFlowConfig config;

  public Reconciliation(
      OrderStore store,
      Channels channels,
      PaymentResults results,
      EffectDispatch dispatch,
      Clock clock,
      PayFlowConfig config) {
    this.store = store;
    this.channels = channels;
    this.results = results;
    this.dispatch = dispatch;
    this.clock = clock;
    this.config = config;
  }

  /** Queries and settles one batch; returns how many payments had an answer applied. */
  public int reconcile() {
    Instant createdBefore = clock.instant().minus(config.reconcileQueryAfter());
    int settled = 0;
    for (Payment p : store.findPaymentsAwaitingResult(createdBefore, config.batchSize())) {
      Optional<PaymentChannel> found = channels.find(p.channel());
      if (found.isEmpty()) {
        log.warn("payflow cannot query payment {}: no channel '{}'", p.paymentNo(), p.channel());
        continue;
      }
      PaymentChannel channel = found.get();
      try {
        PaymentResult result = query(channel, p);
        if (!p.paymentNo().equals(result.paymentNo())) {
          log.warn("payflow: the query of {} answered for {}", p.paymentNo(), result.paymentNo());
          continue;
        }
        dispatch.dispatched(results.apply(result, false));
        settled++;
      } catch (PaymentAmountMismatchException e) {
        log.error("payflow could not reconcile payment {}: {}", p.paymentNo(), e.getMessage());
      } catch (PayFlowException e) {
        log.info("payflow could not reconcile payment {}: {}", p.paymentNo(), e.getMessage());
      }
    }
    return settled;
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
