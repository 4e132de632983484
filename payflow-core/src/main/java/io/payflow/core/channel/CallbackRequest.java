package io.payflow.core.channel;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A channel callback exactly as received: the raw body, never re-serialised, and the headers.
 *
 * @param body the request body as the channel sent it
 * @param headers the request headers; names are matched case-insensitively, by {@link #header} and
 *     by this map's own lookups; the copy cannot change
 */
public record CallbackRequest(String body, Map<String, String> headers) {

  public CallbackRequest {
    // none at all: the channel refuses it for lacking its headers
    headers = Headers.copyOf(headers);
  }

  /** The header's value, whatever the case of its name, or null. */
  public @Nullable String header(String name) {
    return headers.get(name);
  }
}
