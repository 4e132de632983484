/**
 * Use cases of payments: starting one, the pure decisions on a channel's result, applying results,
 * callbacks and reconciliation. Not an API.
 */
@NullMarked
package io.payflow.core.internal.payment;

import org.jspecify.annotations.NullMarked;
