package io.payflow.benchmarks;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.PayFlowBuilder;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.OrderLine;
import io.payflow.core.spi.Notification;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.OrderStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shop every benchmark runs: one sku at 100 fen with stock that never runs out, orders of one
 * line, a notifier and a fulfilment service that only count. Stateless helpers; threadsafe.
 */
final class Fixtures {

  static final String SKU = "SKU-1";
  static final long PRICE = 100;
  static final List<OrderLine> LINES = List.of(new OrderLine(SKU, 1, PRICE));
  static final CreateOrderRequest ORDER = CreateOrderRequest.of("U-1", LINES);
  static final String DESCRIPTION = "benchmark order";

  /** Where every benchmark's clock starts. */
  static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

  private Fixtures() {}

  static InMemoryInventoryService inventory() {
    return new InMemoryInventoryService().stock(SKU, Long.MAX_VALUE / 4);
  }

  static InMemoryPriceCatalog catalog() {
    return new InMemoryPriceCatalog().price(SKU, PRICE);
  }

  /** A builder with the shop's inventory, catalog and the given parts; no notifier yet. */
  static PayFlowBuilder flow(
      Clock clock,
      OrderStore store,
      PaymentChannel channel,
      ExecutorService effects,
      SequenceNumbers numbers) {
    return PayFlow.builder()
        .orderStore(store)
        .inventory(inventory())
        .priceCatalog(catalog())
        .channel(channel)
        .clock(clock)
        .numberGenerator(numbers)
        .effectExecutor(effects)
        .config(PayFlowConfig.ofDefaults());
  }

  /** The channel's verified word that a payment of 100 fen succeeded. */
  static PaymentResult succeeded(String channel, String paymentNo, Instant paidAt) {
    return new PaymentResult(
        channel,
        paymentNo,
        PaymentOutcome.SUCCEEDED,
        "SUCCESS",
        "TX-" + paymentNo,
        PRICE,
        paidAt,
        null,
        PaymentResult.Source.CALLBACK);
  }

  /** A notifier (SMS, say) that only counts what it is given. Threadsafe. */
  static final class CountingNotifier implements Notifier {
    final LongAdder sent = new LongAdder();

    @Override
    public String name() {
      return "sms";
    }

    @Override
    public void send(Notification notification) {
      sent.increment();
    }
  }
}
