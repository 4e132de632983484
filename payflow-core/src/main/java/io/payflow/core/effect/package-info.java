/** The effects outbox: side effects a transition owes, recorded with it and run after it. */
@NullMarked
package io.payflow.core.effect;

import org.jspecify.annotations.NullMarked;
