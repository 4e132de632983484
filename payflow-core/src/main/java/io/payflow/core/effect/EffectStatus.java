package io.payflow.core.effect;

/** Where an effect is in the outbox. */
public enum EffectStatus {
  /** Waiting until {@link Effect#nextAttemptAt()}. */
  PENDING,
  /** Claimed by a runner until its lease ends. */
  RUNNING,
  /** Done; never run again. */
  DONE,
  /** Parked after its last attempt; runs again only when retried by hand. */
  DEAD
}
