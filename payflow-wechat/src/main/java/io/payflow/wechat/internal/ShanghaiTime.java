package io.payflow.wechat.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * WeChat Pay's times: RFC3339 with an offset, formatted in China time.
 *
 * <p>The zone is named explicitly so that the JVM's default zone never leaks into {@code
 * time_expire}; appending {@code +08:00} to a local time is wrong anywhere outside China. Stateless
 * and threadsafe.
 */
public final class ShanghaiTime {

  /** China Standard Time, the zone WeChat Pay's documentation and answers use. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter RFC3339_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private ShanghaiTime() {}

  /** E.g. {@code 2026-11-24T18:30:00+08:00}; sub-second digits are dropped, as WeChat wants. */
  public static String format(Instant instant) {
    return RFC3339_SECONDS.format(instant.atZone(ZONE));
  }

  /** Parses an RFC3339 time as WeChat sends it, or returns null for null or unreadable text. */
  public static @Nullable Instant parse(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
