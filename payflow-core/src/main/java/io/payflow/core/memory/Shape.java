package io.payflow.core.memory;

import io.payflow.core.trace.Participant;
import org.jspecify.annotations.Nullable;

/**
 * A trace entry without its time: the part that repeats across orders. Every entry of every
 * transition is looked up by its shape, so equals and hashCode are written out (and the hash kept):
 * the ones a record generates go through method handles, and in the lifecycle benchmark's profile
 * they took about a third of the store's CPU time. Immutable, so threadsafe.
 */
record Shape(Participant from, Participant to, String message, boolean reply, String block) {

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Shape s
        && from == s.from
        && to == s.to
        && reply == s.reply
        && message.equals(s.message)
        && block.equals(s.block);
  }

  @Override
  public int hashCode() {
    int h = from.ordinal();
    h = 31 * h + to.ordinal();
    h = 31 * h + message.hashCode();
    h = 31 * h + (reply ? 1 : 0);
    return 31 * h + block.hashCode();
  }
}
