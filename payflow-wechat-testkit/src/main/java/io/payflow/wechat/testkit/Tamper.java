package io.payflow.wechat.testkit;

/**
 * A way to spoil a notification, to check that a callback handler refuses it and changes nothing. A
 * stale timestamp is not a tamper: set it with {@link NotificationBuilder#timestamp}, it stays
 * validly signed (the SDK's {@code NotificationParser} does not check freshness; the handler must).
 */
public enum Tamper {
  /** The signature is valid Base64 but of another message. */
  BAD_SIGNATURE,
  /** Signed correctly, but {@code Wechatpay-Serial} names a key the merchant does not have. */
  UNKNOWN_SERIAL,
  /**
   * WeChat's signature probe: {@code Wechatpay-Signature} starts with {@code WECHATPAY/SIGNTEST/};
   * a merchant must answer it with a failure.
   */
  SIGNATURE_PROBE,
  /** A field of the body is changed after signing, as a man in the middle would. */
  BODY_CHANGED_AFTER_SIGNING,
  /** The body is not JSON; signed correctly, so only parsing can refuse it. */
  MALFORMED_JSON,
  /** Signed correctly, but the resource is encrypted with another API v3 key. */
  WRONG_API_V3_KEY
}
