package io.payflow.core.internal;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.event.PayFlowListener;
import io.payflow.core.spi.FulfillmentService;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.Notifier;
import io.payflow.core.spi.OrderNumberGenerator;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.PriceCatalog;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/** What {@code PayFlowBuilder} hands the implementation, with the defaults already applied. */
public record PayFlowParts(
    OrderStore orderStore,
    InventoryService inventory,
    PriceCatalog priceCatalog,
    FulfillmentService fulfillment,
    OrderNumberGenerator numberGenerator,
    Clock clock,
    PayFlowConfig config,
    List<Notifier> notifiers,
    List<PaymentChannel> channels,
    List<PayFlowListener> listeners,
    @Nullable ExecutorService effectExecutor) {}
