package io.payflow.wechat.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    if (text.length() == WECHAT_FORM.length()) {
      return parseWechatForm(text);
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final String WECHAT_FORM = "2026-11-24T18:01:02+08:00";

  /**
   * The form WeChat Pay always sends, read field by field: a callback's answer path pays for this
   * on every success, and {@code OffsetDateTime.parse} costs several times more. Falls back to it
   * for any other text of that length, so both agree on what is valid (a 30 February is not).
   */
  private static @Nullable Instant parseWechatForm(String t) {
    char sign = t.charAt(19);
    if (t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || (sign != '+' && sign != '-')
        || t.charAt(22) != ':') {
      return parseIso(t);
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    int offsetHours = digits(t, 20, 2);
    int offsetMinutes = digits(t, 23, 2);
    if ((year | month | day | hour | minute | second | offsetHours | offsetMinutes) < 0) {
      return parseIso(t);
    }
    try {
      int signum = sign == '+' ? 1 : -1;
      ZoneOffset offset = ZoneOffset.ofHoursMinutes(signum * offsetHours, signum * offsetMinutes);
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(offset);
    } catch (DateTimeException e) { // 30 February, hour 24, offset beyond ±18:00
      return null;
    }
  }

  private static @Nullable Instant parseIso(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The decimal number of {@code length} ASCII digits at {@code from}, or -1. */
  private static int digits(String t, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
