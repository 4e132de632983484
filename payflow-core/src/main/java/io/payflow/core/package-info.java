/**
 * The payflow facade ({@link io.payflow.core.PayFlow}), its builder and configuration, its requests
 * and results, and the exceptions only the facade throws ({@code NotFoundException}, {@code
 * OrderNotPayableException}, {@code IllegalTransitionException}, {@code StalePriceException},
 * {@code PaymentAmountMismatchException}, {@code PrepayFailedException}). The base of every
 * exception, the error codes and the exceptions SPI implementations throw are in {@link
 * io.payflow.core.error}.
 */
@NullMarked
package io.payflow.core;

import org.jspecify.annotations.NullMarked;
