package io.payflow.core.internal.flow;

/**
 * Drafts a transition on a {@link Change} from what the change holds and what the decision was
 * given. A decision is pure: it reads no store, calls no channel and writes no trace; throwing
 * refuses the transition and changes nothing.
 */
@FunctionalInterface
public interface Decision {
  void decide(Change change);
}
