package io.payflow.core.faults;

import io.payflow.core.model.Order;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.core.spi.Notification;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Every notification delivered and every fulfilment started, in one sequence, with whether the
 * attempt that delivered it was then recorded as done in the store (completeEffect on the same
 * thread for the same effect). A second delivery of a key after one was recorded is a duplicate
 * that no crash excuses. Threadsafe.
 */
public final class DeliveryLedger {

  /** One delivery of one notification by one notifier. */
  public static final class Delivery {
    final long seq;
    final String notifier;
    final String key;
    final NotificationType type;
    final String orderNo;
    volatile long recordedSeq = Long.MAX_VALUE;
    final String thread = Thread.currentThread().getName();

    Delivery(long seq, String notifier, Notification n) {
      this.seq = seq;
      this.notifier = notifier;
      this.key = n.idempotencyKey();
      this.type = n.type();
      this.orderNo = n.order().orderNo();
    }

    @Override
    public String toString() {
      return "#" + seq + " " + notifier + " " + key + " on " + thread;
    }
  }

  private final AtomicLong seq = new AtomicLong();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<Order> fulfilments = new ArrayList<>();
  private final ThreadLocal<@Nullable Delivery> unrecorded = new ThreadLocal<>();

  /** A notifier that delivers into this ledger. */
  public Notifier notifier(String name, Notifier.Audience audience) {
    return new Notifier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Audience audience() {
        return audience;
      }

      @Override
      public Set<NotificationType> types() {
        return EnumSet.allOf(NotificationType.class);
      }

      @Override
      public void send(Notification notification) {
        Delivery d = new Delivery(seq.incrementAndGet(), name, notification);
        synchronized (DeliveryLedger.this) {
          deliveries.add(d);
        }
        unrecorded.set(d);
      }
    };
  }

  /** A fulfilment service that records into this ledger. */
  public FulfillmentService fulfilment() {
    return order -> {
      synchronized (DeliveryLedger.this) {
        fulfilments.add(order);
      }
    };
  }

  /** The store recorded the effect with this id as done, on this thread. */
  void completed(String effectId) {
    Delivery d = unrecorded.get();
    if (d != null && d.key.equals(effectId)) {
      d.recordedSeq = seq.incrementAndGet();
    }
    unrecorded.remove();
  }

  /**
   * The store recorded a failed attempt on this thread: the delivery before it stays unrecorded.
   */
  void notCompleted() {
    unrecorded.remove();
  }

  public synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  public synchronized List<Order> fulfilments() {
    return List.copyOf(fulfilments);
  }
}
