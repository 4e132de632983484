/**
 * Use cases of an order's own lifecycle: creation (with its request checks) and closing (cancel,
 * expiry). Not an API.
 */
@NullMarked
package io.payflow.core.internal.order;

import org.jspecify.annotations.NullMarked;
