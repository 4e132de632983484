package io.payflow.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that a benchmark sets by hand, so that expiry and reconciliation become due exactly when
 * the benchmark wants; fixed, or {@linkplain #ticking ticking} from where it was set at the pace of
 * real time, so that records get distinct times as they do in a shop (a store's time indexes then
 * order by time, not by key alone). Threadsafe.
 */
final class MutableClock extends Clock {

  private record Origin(Instant at, long nanoTime) {}

  private final boolean ticking;
  private volatile Origin origin;

  /** A fixed clock at {@code start}. */
  MutableClock(Instant start) {
    this(start, false);
  }

  private MutableClock(Instant start, boolean ticking) {
    this.ticking = ticking;
    this.origin = new Origin(start, System.nanoTime());
  }

  /** A clock that starts at {@code start} and runs on. */
  static MutableClock ticking(Instant start) {
    return new MutableClock(start, true);
  }

  void set(Instant instant) {
    this.origin = new Origin(instant, System.nanoTime());
  }

  void advance(Duration by) {
    set(instant().plus(by));
  }

  @Override
  public Instant instant() {
    Origin o = origin;
    return ticking ? o.at().plusNanos(System.nanoTime() - o.nanoTime()) : o.at();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("benchmarks run in UTC");
  }
}
