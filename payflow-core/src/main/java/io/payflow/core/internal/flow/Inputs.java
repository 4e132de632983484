package io.payflow.core.internal.flow;

import io.payflow.core.error.InvalidRequestException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Checks of a caller's input that name the field at fault.
 *
 * <p>Blank means blank as a person sees it: a text made only of whitespace ({@link
 * Character#isWhitespace}), space separators such as the no-break space U+00A0, the em space U+2003
 * or the ideographic space U+3000 ({@link Character#isSpaceChar}), and invisible format characters
 * such as the zero-width space U+200B or the byte order mark U+FEFF ({@link Character#FORMAT}) is
 * blank; {@link String#isBlank()} only knows the first kind.
 *
 * <p>This class is threadsafe (no state).
 */
public final class Inputs {

  /**
   * The longest order, payment or refund number: WeChat Pay's {@code out_trade_no} and {@code
   * out_refund_no} hold 32 characters, and the number generator's contract says so.
   */
  public static final int MAX_NUMBER = 32;

  /** The longest effect id: an order number and what the effect does. */
  public static final int MAX_EFFECT_ID = 200;

  private Inputs() {}

  /** The value, if it is not blank. */
  public static String required(String field, @Nullable String value) {
    if (isBlank(value)) {
      throw new InvalidRequestException(field, "must not be blank");
    }
    return value;
  }

  /** An order, payment or refund number: not blank, at most {@link #MAX_NUMBER} characters. */
  public static String number(String field, @Nullable String value) {
    String number = required(field, value);
    maxLength(field, number, MAX_NUMBER);
    return number;
  }

  public static <T> T notNull(String field, @Nullable T value) {
    if (value == null) {
      throw new InvalidRequestException(field, "must not be null");
    }
    return value;
  }

  public static void maxLength(String field, @Nullable String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidRequestException(
          field, "must be at most " + max + " characters, was " + value.length());
    }
  }

  /** A duration that is not null and not negative. */
  public static Duration notNegative(String field, @Nullable Duration value) {
    if (notNull(field, value).isNegative()) {
      throw new InvalidRequestException(field, "must not be negative, was " + value);
    }
    return value;
  }

  /** Whether the text is null, empty, or shows nothing (see the class comment). */
  public static boolean isBlank(@Nullable String value) {
    if (value == null) {
      return true;
    }
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (!Character.isWhitespace(cp)
          && !Character.isSpaceChar(cp)
          && Character.getType(cp) != Character.FORMAT) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}
