/**
 * payflow's error model: {@link io.payflow.core.error.PayFlowException}, the base of every
 * exception payflow throws on purpose, its {@link io.payflow.core.error.PayFlowErrorCode codes},
 * the configuration exception and the exceptions that SPI implementations throw. Depends on nothing
 * else of payflow, so that every package may use it.
 */
@NullMarked
package io.payflow.core.error;

import org.jspecify.annotations.NullMarked;
