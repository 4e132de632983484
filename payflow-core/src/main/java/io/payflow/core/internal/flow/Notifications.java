package io.payflow.core.internal.flow;

import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The configured notifiers, by name. This class is threadsafe (immutable). */
public final class Notifications {

  private final Map<String, Notifier> byName = new LinkedHashMap<>();

  public Notifications(List<Notifier> notifiers) {
    notifiers.forEach(n -> byName.put(n.name(), n));
  }

  public Optional<Notifier> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Owes one notification of this type per notifier that wants it; returns how many.
   *
   * @param refundNo the refund a {@code REFUNDED} notification is about, else null
   */
  public int owe(Change c, NotificationType type, @Nullable String refundNo) {
    int count = 0;
    for (Notifier n : byName.values()) {
      if (n.types().contains(type)) {
        c.owe(new OwedEffect.Notify(n.name(), type, refundNo));
        count++;
      }
    }
    return count;
  }
}
