/**
 * Running the effects outbox: the runner, and one handler per kind of effect, each given an effect
 * context rather than the facade. Not an API.
 */
@NullMarked
package io.payflow.core.internal.effect;

import org.jspecify.annotations.NullMarked;
