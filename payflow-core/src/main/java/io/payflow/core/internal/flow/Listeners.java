package io.payflow.core.internal.flow;

import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.event.PayFlowListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered listeners. Publishing calls each on the caller's thread; a listener that throws is
 * logged and skipped, so it can never undo or block a committed transition. This class is
 * threadsafe.
 */
public final class Listeners {

  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private final List<PayFlowListener> listeners = new CopyOnWriteArrayList<>();

  public void add(PayFlowListener listener) {
    listeners.add(listener);
  }

  public void publish(PayFlowEvent event) {
    for (PayFlowListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (Throwable e) {
        // Not only RuntimeException: Kotlin and @SneakyThrows listeners throw checked exceptions,
        // and a NoClassDefFoundError in a listener is no reason to fail a committed transition.
        if (e instanceof VirtualMachineError fatal) {
          throw fatal;
        }
        log.warn(
            "payflow listener {} failed on {} of order {}; ignored",
            listener.getClass().getName(),
            event.getClass().getSimpleName(),
            event.orderNo(),
            e);
      }
    }
  }

  public void publishAll(List<? extends PayFlowEvent> events) {
    events.forEach(this::publish);
  }
}
