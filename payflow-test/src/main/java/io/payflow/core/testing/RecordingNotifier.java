package io.payflow.core.testing;

import io.payflow.core.spi.Notification;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A notifier that records what it delivered and does what a test scripts first. Threadsafe. */
public final class RecordingNotifier implements Notifier {

  /** What a delivery does before it is recorded; throwing fails the attempt. */
  @FunctionalInterface
  public interface Behaviour {
    void before(Notification notification, int attempt) throws Exception;
  }

  private final String name;
  private final Audience audience;
  public final List<Notification> delivered = new CopyOnWriteArrayList<>();
  public final AtomicInteger attempts = new AtomicInteger();
  public volatile Behaviour behaviour = (n, attempt) -> {};

  public RecordingNotifier(String name, Audience audience) {
    this.name = name;
    this.audience = audience;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Audience audience() {
    return audience;
  }

  @Override
  public void send(Notification notification) throws Exception {
    behaviour.before(notification, attempts.incrementAndGet());
    delivered.add(notification);
  }

  public List<NotificationType> deliveredTypes() {
    return delivered.stream().map(Notification::type).toList();
  }
}
