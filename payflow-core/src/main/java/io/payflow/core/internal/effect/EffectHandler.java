package io.payflow.core.internal.effect;

import io.payflow.core.internal.flow.OwedEffect;

/**
 * Does one kind of effect. Every handler is idempotent: an effect may run again after a crash or a
 * lost lease, keyed by its id. Throwing counts as a failed attempt, retried with backoff. A handler
 * reaches the store only through its {@link EffectContext}, never through the facade.
 *
 * @param <E> the kind of effect it does
 */
@FunctionalInterface
public interface EffectHandler<E extends OwedEffect> {

  void handle(E effect, EffectContext context) throws Exception;
}
