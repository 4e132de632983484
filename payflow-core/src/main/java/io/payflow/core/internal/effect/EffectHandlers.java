package io.payflow.core.internal.effect;

import io.payflow.core.effect.Effect;
import io.payflow.core.internal.flow.EffectCodec;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.internal.flow.Tracer;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.util.List;

/**
 * The {@link EffectRunner.Handler} of payflow: decodes a stored effect into its {@link OwedEffect}
 * kind and hands it, with a fresh {@link EffectContext}, to the handler of that kind. This class is
 * threadsafe.
 */
public final class EffectHandlers implements EffectRunner.Handler {

  /** The handler of each kind of effect. */
  public record Kinds(
      EffectHandler<OwedEffect.ConfirmStock> confirmStock,
      EffectHandler<OwedEffect.ReleaseStock> releaseStock,
      EffectHandler<OwedEffect.Notify> notification,
      EffectHandler<OwedEffect.StartFulfillment> startFulfillment,
      EffectHandler<OwedEffect.ClosePayment> closePayment,
      EffectHandler<OwedEffect.RefundPayment> refundPayment) {}

  private final Kinds kinds;
  private final OrderStore store;
  private final OrderTransactor transactor;
  private final Tracer tracer;
  private final Clock clock;

  public EffectHandlers(
      Kinds kinds, OrderStore store, OrderTransactor transactor, Tracer tracer, Clock clock) {
    this.kinds = kinds;
    this.store = store;
    this.transactor = transactor;
    this.tracer = tracer;
    this.clock = clock;
  }

  @Override
  public List<String> execute(Effect effect) throws Exception {
    OwedEffect owed = EffectCodec.decode(effect);
    EffectContext context = new EffectContext(effect, store, transactor, tracer, clock);
    if (owed instanceof OwedEffect.ConfirmStock e) {
      kinds.confirmStock().handle(e, context);
    } else if (owed instanceof OwedEffect.ReleaseStock e) {
      kinds.releaseStock().handle(e, context);
    } else if (owed instanceof OwedEffect.Notify e) {
      kinds.notification().handle(e, context);
    } else if (owed instanceof OwedEffect.StartFulfillment e) {
      kinds.startFulfillment().handle(e, context);
    } else if (owed instanceof OwedEffect.ClosePayment e) {
      kinds.closePayment().handle(e, context);
    } else if (owed instanceof OwedEffect.RefundPayment e) {
      kinds.refundPayment().handle(e, context);
    }
    return context.owed();
  }
}
