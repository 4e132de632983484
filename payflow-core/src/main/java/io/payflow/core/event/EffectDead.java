package io.payflow.core.event;

import io.payflow.core.effect.Effect;
import java.time.Instant;

/** An effect failed its last attempt and was parked; {@code PayFlow#retryEffect} revives it. */
public record EffectDead(Instant at, Effect effect, String error) implements PayFlowEvent {
  @Override
  public String orderNo() {
    return effect.orderNo();
  }
}
