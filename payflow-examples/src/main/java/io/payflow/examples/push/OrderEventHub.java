package io.payflow.examples.push;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent-event streams of the checkout pages, by order number: what the reference
 * diagram calls 推送支付成功消息 ends here. A stream that cannot be written to is dropped, never retried:
 * the page reconnects and reads the order again.
 *
 * <p>This class is threadsafe.
 */
public final class OrderEventHub {

  private static final Logger log = LoggerFactory.getLogger(OrderEventHub.class);

  /** Long enough for a payer to find their phone; the browser reconnects after it anyway. */
  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

  private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();
  private final Clock clock;

  /** Numbers every event in the order it was published, across all orders. */
  private final AtomicLong sequence = new AtomicLong();

  /**
   * payflow calls listeners and notifiers on its own threads (a callback's, an effect's): a slow
   * browser must not hold them, so events are written from here, one at a time and in order.
   */
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "order-event-stream");
            t.setDaemon(true);
            return t;
          });

  public OrderEventHub(Clock clock) {
    this.clock = clock;
  }

  /** Opens a stream for an order's page. */
  public SseEmitter open(String orderNo) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    List<SseEmitter> list = streams.computeIfAbsent(orderNo, k -> new CopyOnWriteArrayList<>());
    list.add(emitter);
    Runnable remove = () -> list.remove(emitter);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    return emitter;
  }

  /**
   * Sends one event to every open stream of the order, without waiting for the browsers. The data
   * gains {@code seq}, its place among all events published, and {@code at}, now, unless it says
   * when it happened: the page orders the events it shows by both.
   */
  public void publish(String orderNo, String eventName, Map<String, ?> data) {
    List<SseEmitter> list = streams.getOrDefault(orderNo, List.of());
    if (list.isEmpty()) {
      return;
    }
    Map<String, Object> stamped = new LinkedHashMap<>(data);
    stamped.putIfAbsent("at", clock.instant().toString());
    stamped.put("seq", sequence.incrementAndGet());
    try {
      writer.execute(() -> list.forEach(emitter -> send(emitter, eventName, stamped)));
    } catch (RejectedExecutionException stopped) {
      log.debug("shop stopping: event {} of order {} not streamed", eventName, orderNo);
    }
  }

  /** Sends one event to one stream, dropping it if the browser went away. */
  public void send(SseEmitter emitter, String eventName, Map<String, ?> data) {
    try {
      emitter.send(SseEmitter.event().name(eventName).data(data, MediaType.APPLICATION_JSON));
    } catch (IOException | IllegalStateException e) {
      log.debug("dropping a closed event stream: {}", e.toString());
      streams.values().forEach(l -> l.remove(emitter));
      emitter.completeWithError(e);
    }
  }

  /**
   * Ends every open stream. Called when the shop stops: a stream left open would hold up the web
   * server's graceful shutdown until its timeout, as would every checkout page left open.
   */
  public void completeAll() {
    writer.shutdown();
    streams.values().forEach(list -> list.forEach(SseEmitter::complete));
    streams.clear();
  }

  /** How many streams are open for an order. */
  public int subscribers(String orderNo) {
    return streams.getOrDefault(orderNo, List.of()).size();
  }
}
