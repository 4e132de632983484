package io.payflow.spring.autoconfigure;

import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.event.EffectDead;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events as the core publishes them, for listeners under test. */
final class Events {

  static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private Events() {}

  static Order order(OrderStatus status) {
    return new Order(
        "20261124180000" + "12345678",
        "user-1",
        List.of(new OrderLine("SKU-1", 1, 100)),
        100,
        "a cup",
        status,
        1,
        NOW,
        NOW.plusSeconds(1800),
        null,
        null,
        0,
        null,
        null);
  }

  static EffectDead deadNotification() {
    Effect effect =
        new Effect(
            "E-1",
            "2026112418000012345678",
            EffectType.NOTIFY,
            "sms",
            Map.of(),
            EffectStatus.DEAD,
            8,
            NOW,
            "sms gateway down",
            NOW,
            NOW);
    return new EffectDead(NOW, effect, "sms gateway down");
  }
}
