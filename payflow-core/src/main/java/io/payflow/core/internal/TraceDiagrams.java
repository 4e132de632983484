package io.payflow.core.internal;

import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.trace.MermaidRenderer;
import io.payflow.core.trace.Participant;
import java.util.Map;

/**
 * Renders the flow trace of an order as a Mermaid diagram, the payment channel drawn with the
 * display name of the channel the order's payments use. This class is threadsafe.
 */
final class TraceDiagrams {

  private final OrderStore store;
  private final OrderTransactor transactor;
  private final Channels channels;

  TraceDiagrams(OrderStore store, OrderTransactor transactor, Channels channels) {
    this.store = store;
    this.transactor = transactor;
    this.channels = channels;
  }

  String diagram(String orderNo) {
    OrderRecord record = transactor.load(orderNo);
    String label =
        record.payments().stream()
            .findFirst()
            .map(Payment::channel)
            .map(channels::label)
            .orElseGet(channels::defaultLabel);
    Map<Participant, String> labels =
        label.isBlank() ? Map.of() : Map.of(Participant.PAYMENT_CHANNEL, label);
    return MermaidRenderer.render("订单 " + orderNo + " 的支付流程", store.loadTrace(orderNo), labels);
  }
}
