package io.payflow.core.effect;

import java.time.Instant;

/**
 * An effect claimed by one runner: {@code RUNNING} until {@code leaseUntil}. The runner presents
 * {@code token} to every later write of the effect ({@code completeEffect}, {@code
 * retryEffectLater}, {@code parkEffect}); the store refuses a token that is not the effect's latest
 * claim, or a write after the lease ended, so a stale runner changes nothing.
 *
 * @param effect the effect as claimed ({@code RUNNING})
 * @param token the fencing token of this claim, chosen by the store: unique across the claims of
 *     this effect and strictly increasing per effect
 * @param leaseUntil when the lease ends; another runner may claim the effect from then on
 */
public record ClaimedEffect(Effect effect, long token, Instant leaseUntil) {}
