/**
 * Use cases of refunds: requesting one and the pure decisions on the channel's answer. Not an API.
 */
@NullMarked
package io.payflow.core.internal.refund;

import org.jspecify.annotations.NullMarked;
