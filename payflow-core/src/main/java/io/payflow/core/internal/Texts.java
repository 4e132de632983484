package io.payflow.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Blank as a person sees it: a text of whitespace ({@link Character#isWhitespace}), space
 * separators such as the no-break space U+00A0, the em space U+2003 or the ideographic space U+3000
 * ({@link Character#isSpaceChar}), and invisible format characters such as the zero-width space
 * U+200B or the byte order mark U+FEFF ({@link Character#FORMAT}) is blank. {@link
 * String#isBlank()} only knows the first kind. This class is threadsafe (no state).
 */
public final class Texts {

  private Texts() {}

  /** Whether the text is null, empty, or shows nothing. */
  public static boolean isBlank(@Nullable String text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
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
