package io.payflow.core.testing;

import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.event.PayFlowListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event. Threadsafe. */
public final class RecordingListener implements PayFlowListener {

  public final List<PayFlowEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(PayFlowEvent event) {
    events.add(event);
  }

  public <T extends PayFlowEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
