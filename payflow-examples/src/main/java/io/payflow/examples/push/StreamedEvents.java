package io.payflow.examples.push;

import io.payflow.core.event.EffectDead;
import io.payflow.core.event.EffectFailed;
import io.payflow.core.event.LatePaymentReceived;
import io.payflow.core.event.OrderStatusChanged;
import io.payflow.core.event.PayFlowEvent;
import io.payflow.core.event.PaymentStatusChanged;
import io.payflow.core.event.RefundStatusChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What of payflow's events the checkout page is shown, as server-sent events: the event name and
 * its JSON data. Each carries {@code at}, when payflow made the change, so that the page lists them
 * in the order they happened whichever thread sent them.
 */
final class StreamedEvents {

  private StreamedEvents() {}

  /** An event name and its data, for {@link OrderEventHub#publish}. */
  record Streamed(String name, Map<String, Object> data) {}

  static Optional<Streamed> of(PayFlowEvent event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderNo", event.orderNo());
    data.put("at", event.at().toString());
    String name;
    if (event instanceof OrderStatusChanged e) {
      name = "status";
      data.put("from", e.from().name());
      data.put("status", e.to().name());
      data.put("cause", e.cause());
    } else if (event instanceof PaymentStatusChanged e) {
      name = "payment";
      data.put("paymentNo", e.payment().paymentNo());
      data.put("from", e.from().name());
      data.put("status", e.to().name());
      data.put("cause", e.cause());
    } else if (event instanceof RefundStatusChanged e) {
      // The refund's progress (退款进度): CREATED, PROCESSING at WeChat, then SUCCEEDED or FAILED.
      name = "refund";
      data.put("refundNo", e.refund().refundNo());
      if (e.from() != null) {
        data.put("from", e.from().name());
      }
      data.put("status", e.to().name());
      data.put("amount", e.refund().amount());
      if (e.refund().failureReason() != null) {
        data.put("failureReason", e.refund().failureReason());
      }
    } else if (event instanceof EffectFailed e) {
      name = "effect";
      effect(data, e.effect().id(), e.effect().type().name(), "RETRYING", e.error());
      data.put("attempts", e.effect().attempts());
    } else if (event instanceof EffectDead e) {
      name = "effect";
      effect(data, e.effect().id(), e.effect().type().name(), "DEAD", e.error());
      data.put("attempts", e.effect().attempts());
    } else if (event instanceof LatePaymentReceived e) {
      name = "late-payment";
      data.put("paymentNo", e.payment().paymentNo());
      if (e.refundNo() != null) {
        data.put("refundNo", e.refundNo());
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(new Streamed(name, data));
  }

  private static void effect(
      Map<String, Object> data, String id, String type, String status, String error) {
    data.put("effectId", id);
    data.put("type", type);
    data.put("status", status);
    data.put("error", error);
  }
}
