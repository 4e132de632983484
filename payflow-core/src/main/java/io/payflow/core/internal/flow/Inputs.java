package io.payflow.core.internal.flow;

import io.payflow.core.error.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/** Checks of a caller's input that name the field at fault. This class is threadsafe (no state). */
public final class Inputs {

  private Inputs() {}

  /** The value, if it is not blank. */
  public static String required(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field, "must not be blank");
    }
    return value;
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

  public static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
