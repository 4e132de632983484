/** Typed events published on every transition, and the listener that receives them. */
@NullMarked
package io.payflow.core.event;

import org.jspecify.annotations.NullMarked;
