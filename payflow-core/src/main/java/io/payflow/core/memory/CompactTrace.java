package io.payflow.core.memory;

import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A trace stored compactly: its last (shared) {@link TraceNode}, and its times as zig-zag varint
 * deltas of nanoseconds since the epoch, or the instants themselves if one lies outside about
 * 1677–2262. Immutable (so threadsafe); adding an entry makes a new one.
 */
final class CompactTrace {
  static final CompactTrace EMPTY = new CompactTrace(null, new byte[0], 0, null);

  final @Nullable TraceNode last;
  final byte[] times;
  final long lastNanos;
  final Instant @Nullable [] instants;

  private CompactTrace(
      @Nullable TraceNode last, byte[] times, long lastNanos, Instant @Nullable [] instants) {
    this.last = last;
    this.times = times;
    this.lastNanos = lastNanos;
    this.instants = instants;
  }

  int size() {
    return last == null ? 0 : last.length;
  }

  CompactTrace plus(TraceNode node, Instant at) {
    if (instants == null) {
      try {
        long nanos =
            Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        long delta = Math.subtractExact(nanos, lastNanos);
        return new CompactTrace(
            node, appendVarint(times, (delta << 1) ^ (delta >> 63)), nanos, null);
      } catch (ArithmeticException outsideTheNanosRange) {
        // fall through to instants
      }
    }
    Instant[] all = instants != null ? instants : decodeTimes();
    Instant[] more = Arrays.copyOf(all, all.length + 1);
    more[all.length] = at;
    return new CompactTrace(node, new byte[0], 0, more);
  }

  CompactTrace append(CompactTrace more) {
    List<TraceEntry> entries = more.entries();
    CompactTrace result = this;
    for (TraceEntry e : entries) {
      Shape shape = new Shape(e.from(), e.to(), e.message(), e.reply(), e.block());
      result = result.plus(new TraceNode(result.last, shape), e.at());
    }
    return result;
  }

  private Instant[] decodeTimes() {
    Instant[] out = new Instant[size()];
    long nanos = 0;
    int pos = 0;
    for (int i = 0; i < out.length; i++) {
      long raw = 0;
      int shift = 0;
      byte b;
      do {
        b = times[pos++];
        raw |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      nanos += (raw >>> 1) ^ -(raw & 1);
      out[i] =
          Instant.ofEpochSecond(
              Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
    return out;
  }

  private static byte[] appendVarint(byte[] bytes, long value) {
    byte[] buffer = new byte[10];
    int n = 0;
    long v = value;
    while ((v & ~0x7fL) != 0) {
      buffer[n++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buffer[n++] = (byte) v;
    byte[] out = Arrays.copyOf(bytes, bytes.length + n);
    System.arraycopy(buffer, 0, out, bytes.length, n);
    return out;
  }

  List<TraceEntry> entries() {
    int n = size();
    Instant[] at = instants != null ? instants : decodeTimes();
    TraceEntry[] out = new TraceEntry[n];
    TraceNode node = last;
    for (int i = n - 1; i >= 0; i--) {
      Shape x = node.shape;
      out[i] = new TraceEntry(at[i], x.from(), x.to(), x.message(), x.reply(), x.block());
      node = node.parent;
    }
    return List.of(out);
  }
}
