/**
 * A fault-injection harness for payflow: wrappers that make any SPI call throw before or after its
 * work or crash the {@code PayFlow} instance making it, a simulated channel that keeps the
 * channel's own truth, ledgers of stock and deliveries, one invariant checker, and the abstract
 * tests that every {@code OrderStore} and {@code InventoryService} runs.
 */
@NullMarked
package io.payflow.core.faults;

import org.jspecify.annotations.NullMarked;
