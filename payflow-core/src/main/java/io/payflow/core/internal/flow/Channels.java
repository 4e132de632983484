package io.payflow.core.internal.flow;

import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.model.Payment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configured payment channels by id. This class is threadsafe (immutable). */
public final class Channels {

  private final Map<String, PaymentChannel> byId = new LinkedHashMap<>();

  public Channels(List<PaymentChannel> channels) {
    channels.forEach(c -> byId.put(c.id(), c));
  }

  public Optional<PaymentChannel> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Set<String> ids() {
    return byId.keySet();
  }

  /**
   * The channel a payment uses.
   *
   * @throws PayFlowException {@code UNKNOWN_CHANNEL} if it is not configured
   */
  public PaymentChannel of(Payment p) {
    PaymentChannel channel = byId.get(p.channel());
    if (channel == null) {
      throw new PayFlowException(
          PayFlowErrorCode.UNKNOWN_CHANNEL,
          "payment " + p.paymentNo() + " uses channel '" + p.channel() + "', not configured");
    }
    return channel;
  }

  /**
   * The name a channel is drawn with in the flow trace: its own {@link
   * PaymentChannel#displayName()}, or its id if it is not configured (any more).
   */
  public String label(String id) {
    PaymentChannel channel = byId.get(id);
    return channel == null ? id : channel.displayName();
  }

  /** The label of the first configured channel, for an order that has no payment yet. */
  public String defaultLabel() {
    return byId.values().stream().findFirst().map(PaymentChannel::displayName).orElse("");
  }
}
