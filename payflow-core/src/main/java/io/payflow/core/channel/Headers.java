package io.payflow.core.channel;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * HTTP headers as a read-only map whose lookups ignore the case of the name, as HTTP does: {@code
 * get("wechatpay-serial")} finds {@code Wechatpay-Serial}. Names keep the case they first came in;
 * a later name that differs only in case replaces the value. Lookups hash a lower-cased name (no
 * copy when it already is lower case) instead of walking a tree of case-insensitive comparisons, as
 * the {@code TreeMap} it replaces did on every callback. Immutable, so threadsafe.
 */
final class Headers extends AbstractMap<String, @Nullable String> {

  private static final Headers EMPTY = new Headers(new HashMap<>(2));

  private final Map<String, Map.Entry<String, @Nullable String>> byFoldedName;

  private Headers(Map<String, Map.Entry<String, @Nullable String>> byFoldedName) {
    this.byFoldedName = byFoldedName;
  }

  /** A copy of {@code headers}, or none at all for null. */
  static Headers copyOf(@Nullable Map<String, String> headers) {
    if (headers instanceof Headers already) {
      return already;
    }
    if (headers == null || headers.isEmpty()) {
      return EMPTY;
    }
    Map<String, Map.Entry<String, @Nullable String>> copy =
        new HashMap<>(headers.size() * 2); // load factor 0.75: no resize
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "header name");
      String folded = fold(name);
      Map.Entry<String, @Nullable String> first = copy.get(folded);
      copy.put(
          folded, new SimpleImmutableEntry<>(first == null ? name : first.getKey(), e.getValue()));
    }
    return new Headers(copy);
  }

  /**
   * The name in one case, chosen as {@link String#CASE_INSENSITIVE_ORDER} compares: each char upper
   * then lower cased, independent of the JVM's locale (a Turkish I stays an i).
   */
  static String fold(String name) {
    int i = 0;
    int n = name.length();
    while (i < n) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z' || c > 0x7f) {
        break;
      }
      i++;
    }
    if (i == n) {
      return name;
    }
    char[] folded = name.toCharArray();
    for (; i < n; i++) {
      char c = folded[i];
      if (c >= 'A' && c <= 'Z') {
        folded[i] = (char) (c + ('a' - 'A'));
      } else if (c > 0x7f) {
        folded[i] = Character.toLowerCase(Character.toUpperCase(c));
      }
    }
    return new String(folded);
  }

  @Override
  public @Nullable String get(@Nullable Object name) {
    if (!(name instanceof String s)) {
      return null;
    }
    Map.Entry<String, @Nullable String> e = byFoldedName.get(fold(s));
    return e == null ? null : e.getValue();
  }

  @Override
  public boolean containsKey(@Nullable Object name) {
    return name instanceof String s && byFoldedName.containsKey(fold(s));
  }

  @Override
  public int size() {
    return byFoldedName.size();
  }

  @Override
  public Set<Map.Entry<String, @Nullable String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, @Nullable String>> iterator() {
        Iterator<Map.Entry<String, @Nullable String>> values = byFoldedName.values().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return values.hasNext();
          }

          @Override
          public Map.Entry<String, @Nullable String> next() {
            return values.next();
          }
        };
      }

      @Override
      public int size() {
        return byFoldedName.size();
      }
    };
  }
}
