/**
 * The SPI compatibility kits: abstract JUnit 5 tests that an {@code OrderStore}, {@code
 * InventoryService}, {@code PriceCatalog} or {@code OrderNumberGenerator} implementation extends,
 * overriding only how to make the instance under test.
 */
@NullMarked
package io.payflow.core.spi.contract;

import org.jspecify.annotations.NullMarked;
