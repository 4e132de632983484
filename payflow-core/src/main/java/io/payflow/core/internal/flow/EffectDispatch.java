package io.payflow.core.internal.flow;

import java.util.List;

/**
 * Hands the effects of a committed transition to whoever runs them (the effect runner). Use cases
 * get one; the runner itself never calls back into a use case.
 */
@FunctionalInterface
public interface EffectDispatch {

  void dispatch(List<String> effectIds);

  /** Dispatches what {@code committed} owes and returns it, for chaining. */
  default Committed dispatched(Committed committed) {
    dispatch(committed.owedEffectIds());
    return committed;
  }
}
