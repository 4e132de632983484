package io.payflow.core.effect;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A side effect that a transition owes, recorded in the same atomic write as the transition (a
 * transactional outbox) and run after it.
 *
 * @param id the effect's idempotency key, unique and derived from what it does (for example {@code
 *     ORDER-1/NOTIFY/sms/PAYMENT_SUCCEEDED}); a store ignores a second effect with an id it already
 *     holds, so a repeated transition can never owe an effect twice
 * @param orderNo the order it belongs to
 * @param type what it does
 * @param target the notifier name, payment number or refund number it acts on, or null
 * @param data small string parameters, e.g. {@code notification=PAYMENT_SUCCEEDED}
 * @param status where it is in the outbox
 * @param attempts attempts made so far
 * @param nextAttemptAt when it is due (again)
 * @param lastError the last failure's message, or null
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 */
public record Effect(
    String id,
    String orderNo,
    EffectType type,
    @Nullable String target,
    Map<String, String> data,
    EffectStatus status,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String lastError,
    Instant createdAt,
    Instant updatedAt) {

  public Effect {
    data = Map.copyOf(data);
  }

  /** {@code PENDING} again after {@code attempts} attempts, due at {@code nextAttemptAt}. */
  public Effect retrying(int attempts, Instant nextAttemptAt, String error, Instant now) {
    return with(EffectStatus.PENDING, attempts, nextAttemptAt, error, now);
  }

  /** {@code DEAD}, parked after its last attempt. */
  public Effect parked(int attempts, String error, Instant now) {
    return with(EffectStatus.DEAD, attempts, nextAttemptAt, error, now);
  }

  private Effect with(
      EffectStatus newStatus,
      int newAttempts,
      Instant newNextAttemptAt,
      @Nullable String newLastError,
      Instant now) {
    return new Effect(
        id,
        orderNo,
        type,
        target,
        data,
        newStatus,
        newAttempts,
        newNextAttemptAt,
        newLastError,
        createdAt,
        now);
  }
}
