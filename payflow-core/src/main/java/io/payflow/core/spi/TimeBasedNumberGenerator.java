package io.payflow.core.spi;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The default {@link OrderNumberGenerator}: an order number is the China-time timestamp to the
 * second followed by 8 random digits ({@code 20261124183000} + {@code 12345678}, 22 characters); a
 * payment number is the order number plus {@code P} and the attempt, a refund number plus {@code R}
 * and the attempt. All fit WeChat's 32 characters of {@code [0-9A-Za-z_-]}.
 *
 * <p>Random digits rather than a counter keep numbers unique across application instances without
 * coordination, and do not reveal how many orders a shop takes; a collision between instances is
 * caught by the store's unique order number. Within one generator a number is never repeated: it
 * remembers the digits it gave out in the current second (8 random digits alone more likely than
 * not repeat within 12,000 numbers made in the same second). This class is threadsafe.
 */
public final class TimeBasedNumberGenerator implements OrderNumberGenerator {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneId.of("Asia/Shanghai"));

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  // Guarded by lock: the second the digits below were given out in, and those digits.
  private final Object lock = new Object();
  private long issuedSecond = Long.MIN_VALUE;
  private final Set<Integer> issuedDigits = new HashSet<>();

  public TimeBasedNumberGenerator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String newOrderNo() {
    Instant now;
    int digits;
    synchronized (lock) {
      // read inside the lock, so that a thread holding an older second cannot wipe the digits of
      // a newer one that another thread already gave out
      now = clock.instant();
      if (now.getEpochSecond() != issuedSecond) {
        issuedSecond = now.getEpochSecond();
        issuedDigits.clear();
      }
      do {
        digits = random.nextInt(100_000_000);
      } while (!issuedDigits.add(digits));
    }
    return STAMP.format(now) + String.format(Locale.ROOT, "%08d", digits);
  }

  @Override
  public String newPaymentNo(String orderNo, int attempt) {
    return suffixed(orderNo, "P", attempt);
  }

  @Override
  public String newRefundNo(String orderNo, int attempt) {
    return suffixed(orderNo, "R", attempt);
  }

  private static String suffixed(String orderNo, String kind, int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    String suffix = kind + attempt;
    String base =
        orderNo.length() + suffix.length() > 32
            ? orderNo.substring(0, 32 - suffix.length())
            : orderNo;
    return base + suffix;
  }
}
