package io.payflow.core.event;

import io.payflow.core.effect.Effect;
import java.time.Instant;

/** An attempt of an effect failed; it will be retried at {@code effect.nextAttemptAt()}. */
public record EffectFailed(Instant at, Effect effect, String error) implements PayFlowEvent {
  @Override
  public String orderNo() {
    return effect.orderNo();
  }
}
