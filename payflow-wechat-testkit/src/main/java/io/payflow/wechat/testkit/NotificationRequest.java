package io.payflow.wechat.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A callback request exactly as WeChat Pay would send it: where to, which headers, which raw body.
 * Feed it to a callback handler directly, or let {@link WechatPaySimulator#deliver} POST it.
 *
 * @param url where WeChat would POST it
 * @param headers the {@code Wechatpay-*} headers and {@code Content-Type}
 * @param body the raw JSON body; verify it as is, never re-serialised
 */
public record NotificationRequest(String url, Map<String, String> headers, String body) {

  /** Copies the headers, case-insensitively keyed as HTTP headers are. */
  public NotificationRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Returns one header.
   *
   * @param name the header name, in any case
   * @return its value, or {@code null} when absent
   */
  public @Nullable String header(String name) {
    return headers.get(name);
  }

  /**
   * Returns {@code Wechatpay-Serial}.
   *
   * @return the serial (a {@code PUB_KEY_ID_…} or a certificate serial)
   */
  public @Nullable String serial() {
    return header("Wechatpay-Serial");
  }

  /**
   * Returns {@code Wechatpay-Signature}.
   *
   * @return the Base64 signature
   */
  public @Nullable String signature() {
    return header("Wechatpay-Signature");
  }

  /**
   * Returns {@code Wechatpay-Timestamp}.
   *
   * @return epoch seconds, as a string
   */
  public @Nullable String timestamp() {
    return header("Wechatpay-Timestamp");
  }

  /**
   * Returns {@code Wechatpay-Nonce}.
   *
   * @return the nonce
   */
  public @Nullable String nonce() {
    return header("Wechatpay-Nonce");
  }

  /**
   * Returns a copy sent to another URL.
   *
   * @param newUrl the URL to send it to
   * @return the copy
   */
  public NotificationRequest withUrl(String newUrl) {
    return new NotificationRequest(newUrl, headers, body);
  }
}
