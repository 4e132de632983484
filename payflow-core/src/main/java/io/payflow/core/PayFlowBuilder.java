package io.payflow.core;

import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.error.ConfigurationException;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.internal.DefaultPayFlow;
import io.payflow.core.internal.PayFlowParts;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.PriceCatalog;
import io.payflow.core.spi.TimeBasedNumberGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link PayFlow}. The inventory, the price catalog and at least one channel are required;
 * everything else has a default: an in-memory order store, the default number generator, the system
 * UTC clock, no notifiers, a fulfilment service that does nothing, and an effect executor that
 * payflow owns and shuts down on {@link PayFlow#close()}.
 */
public final class PayFlowBuilder {

  @Nullable OrderStore orderStore;
  @Nullable InventoryService inventory;
  @Nullable PriceCatalog priceCatalog;
  @Nullable FulfillmentService fulfillment;
  @Nullable OrderNumberGenerator numberGenerator;
  Clock clock = Clock.systemUTC();
  PayFlowConfig config = PayFlowConfig.ofDefaults();
  @Nullable ExecutorService effectExecutor;
  final List<Notifier> notifiers = new ArrayList<>();
  final List<PaymentChannel> channels = new ArrayList<>();
  final List<PayFlowListener> listeners = new ArrayList<>();

  PayFlowBuilder() {}

  public PayFlowBuilder orderStore(OrderStore value) {
    this.orderStore = Objects.requireNonNull(value, "orderStore");
    return this;
  }

  public PayFlowBuilder inventory(InventoryService value) {
    this.inventory = Objects.requireNonNull(value, "inventory");
    return this;
  }

  public PayFlowBuilder priceCatalog(PriceCatalog value) {
    this.priceCatalog = Objects.requireNonNull(value, "priceCatalog");
    return this;
  }

  public PayFlowBuilder fulfillment(FulfillmentService value) {
    this.fulfillment = Objects.requireNonNull(value, "fulfillment");
    return this;
  }

  public PayFlowBuilder numberGenerator(OrderNumberGenerator value) {
    this.numberGenerator = Objects.requireNonNull(value, "numberGenerator");
    return this;
  }

  /** The clock for every timestamp and due time; tests pass a fixed or mutable one. */
  public PayFlowBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  public PayFlowBuilder config(PayFlowConfig value) {
    this.config = Objects.requireNonNull(value, "config");
    return this;
  }

  /** Adds a notifier; names must be unique. */
  public PayFlowBuilder notifier(Notifier value) {
    this.notifiers.add(Objects.requireNonNull(value, "notifier"));
    return this;
  }

  public PayFlowBuilder notifiers(Collection<? extends Notifier> values) {
    values.forEach(this::notifier);
    return this;
  }

  /** Adds a payment channel; ids must be unique. */
  public PayFlowBuilder channel(PaymentChannel value) {
    this.channels.add(Objects.requireNonNull(value, "channel"));
    return this;
  }

  public PayFlowBuilder listener(PayFlowListener value) {
    this.listeners.add(Objects.requireNonNull(value, "listener"));
    return this;
  }

  /**
   * The executor that runs effects in parallel. The caller keeps ownership: payflow does not shut
   * it down.
   */
  public PayFlowBuilder effectExecutor(ExecutorService value) {
    this.effectExecutor = Objects.requireNonNull(value, "effectExecutor");
    return this;
  }

  /**
   * Builds the {@link PayFlow}.
   *
   * @throws ConfigurationException listing every required part that is missing and every name two
   *     notifiers or channels share
   */
  public PayFlow build() {
    List<ConfigurationException.Problem> problems = new ArrayList<>();
    if (inventory == null) {
      problems.add(
          new ConfigurationException.Problem("inventory", "an InventoryService is required"));
    }
    if (priceCatalog == null) {
      problems.add(
          new ConfigurationException.Problem("priceCatalog", "a PriceCatalog is required"));
    }
    if (channels.isEmpty()) {
      problems.add(
          new ConfigurationException.Problem(
              "channels", "at least one PaymentChannel is required"));
    }
    requireUniqueNames(problems, "notifiers", notifiers.stream().map(Notifier::name).toList());
    requireUniqueNames(problems, "channels", channels.stream().map(PaymentChannel::id).toList());
    if (!problems.isEmpty() || inventory == null || priceCatalog == null) {
      throw new ConfigurationException("payflow", problems);
    }
    return DefaultPayFlow.create(
        new PayFlowParts(
            orderStore != null ? orderStore : new InMemoryOrderStore(),
            inventory,
            priceCatalog,
            fulfillment != null ? fulfillment : order -> {},
            numberGenerator != null ? numberGenerator : new TimeBasedNumberGenerator(clock),
            clock,
            config,
            List.copyOf(notifiers),
            List.copyOf(channels),
            List.copyOf(listeners),
            effectExecutor));
  }

  private static void requireUniqueNames(
      List<ConfigurationException.Problem> problems, String field, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        problems.add(
            new ConfigurationException.Problem(field, "two share the name '" + name + "'"));
      }
    }
  }
}
