package io.payflow.core.channel;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A channel callback exactly as received: the raw body, never re-serialised, and the headers.
 *
 * @param body the request body as the channel sent it
 * @param headers the request headers; names are matched case-insensitively
 */
public record CallbackRequest(String body, Map<String, String> headers) {

  public CallbackRequest {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) { // none at all: the channel refuses it for lacking its headers
      copy.putAll(headers);
    }
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /** The header's value, whatever the case of its name, or null. */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
