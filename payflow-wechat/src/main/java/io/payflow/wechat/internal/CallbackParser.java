package io.payflow.wechat.internal;

import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.Notification;
import com.wechat.pay.java.core.notification.Resource;
import com.wechat.pay.java.core.util.GsonUtil;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.RefundStatus;
import io.payflow.wechat.WechatPayConfig;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies, decrypts and reads a WeChat Pay v3 callback exactly as received.
 *
 * <p>It checks the signature over {@code timestamp\nnonce\nbody\n} and decrypts the resource with
 * the SDK's own verifier, cipher and Gson, as the SDK's {@code NotificationParser} does, parsing
 * the body once (the event type and the resource come from the same parse); around that it adds
 * what the SDK leaves to the merchant: all four headers present, signature probes ({@code
 * WECHATPAY/SIGNTEST/}) refused, the timestamp within the allowed skew of the configured clock
 * (replay protection; the SDK does not check it), the serial known to this merchant's mode, and the
 * merchant and app ids being ours. Every refusal is a {@link CallbackRejectedException} with a 4xx
 * status. Threadsafe.
 */
public final class CallbackParser {

  private static final Logger log = LoggerFactory.getLogger(CallbackParser.class);

  static final String SERIAL = "Wechatpay-Serial";
  static final String SIGNATURE = "Wechatpay-Signature";
  static final String TIMESTAMP = "Wechatpay-Timestamp";
  static final String NONCE = "Wechatpay-Nonce";
  static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
  static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

  // Lookup names already in the one case that CallbackRequest's headers fold to: no copy per
  // lookup.
  private static final String SERIAL_KEY = SERIAL.toLowerCase(Locale.ROOT);
  private static final String SIGNATURE_KEY = SIGNATURE.toLowerCase(Locale.ROOT);
  private static final String TIMESTAMP_KEY = TIMESTAMP.toLowerCase(Locale.ROOT);
  private static final String NONCE_KEY = NONCE.toLowerCase(Locale.ROOT);
  private static final String SIGNATURE_TYPE_KEY = SIGNATURE_TYPE.toLowerCase(Locale.ROOT);

  private static final int BAD_REQUEST = 400;
  private static final int UNAUTHORIZED = 401;
  private static final int FORBIDDEN = 403;

  private final WechatPayConfig config;
  private final WechatPaySdk sdk;
  private final String channelId;

  public CallbackParser(WechatPayConfig config, WechatPaySdk sdk, String channelId) {
    this.config = config;
    this.sdk = sdk;
    this.channelId = channelId;
  }

  /**
   * The verified event.
   *
   * @throws CallbackRejectedException if anything is missing, stale, forged, malformed or not ours
   */
  public CallbackEvent parse(CallbackRequest request) {
    String serial = request.header(SERIAL_KEY);
    String signature = request.header(SIGNATURE_KEY);
    String timestamp = request.header(TIMESTAMP_KEY);
    String nonce = request.header(NONCE_KEY);
    if (isBlank(serial) || isBlank(signature) || isBlank(timestamp) || isBlank(nonce)) {
      throw reject(
          BAD_REQUEST, "callback lacks header(s) " + missing(serial, signature, timestamp, nonce));
    }
    if (Objects.requireNonNull(signature).startsWith(PROBE_PREFIX)) {
      // WeChat probes whether merchants verify signatures; a success answer would fail the probe.
      throw reject(
          UNAUTHORIZED, "signature probe (" + PROBE_PREFIX + "…) refused: callbacks are verified");
    }
    checkFresh(Objects.requireNonNull(timestamp));
    String signType = request.header(SIGNATURE_TYPE_KEY);
    if (signType != null && !signType.isBlank() && !signType.equals(WechatPaySdk.SIGN_TYPE)) {
      throw reject(
          UNAUTHORIZED,
          "unsupported "
              + SIGNATURE_TYPE
              + " "
              + signType
              + ", expected "
              + WechatPaySdk.SIGN_TYPE);
    }
    if (!sdk.knowsSerial(Objects.requireNonNull(serial))) {
      throw reject(UNAUTHORIZED, unknownSerialMessage(serial));
    }
    verify(request.body(), serial, signature, timestamp, Objects.requireNonNull(nonce));
    Notification notification = envelope(request.body());
    NotifiedResource resource = decrypt(notification.getResource());
    String eventType = notification.getEventType();
    if (eventType == null || eventType.isBlank()) {
      throw reject(BAD_REQUEST, "callback has no event_type");
    }
    if (!config.merchantId().equals(resource.mchid)) {
      throw reject(
          FORBIDDEN,
          "callback is for merchant "
              + resource.mchid
              + ", not for this channel's merchant "
              + config.merchantId());
    }
    if (eventType.startsWith("TRANSACTION.")) {
      return new CallbackEvent.PaymentNotified(payment(resource, eventType));
    }
    if (eventType.startsWith("REFUND.")) {
      return new CallbackEvent.RefundNotified(refund(resource, eventType));
    }
    throw reject(BAD_REQUEST, "unsupported event_type " + eventType);
  }

  private void checkFresh(String timestamp) {
    Instant sent;
    try {
      sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
    } catch (NumberFormatException | DateTimeException e) { // not a number, or beyond any date
      throw reject(BAD_REQUEST, TIMESTAMP + " is not a number of seconds: '" + timestamp + "'");
    }
    Instant now = config.clock().instant();
    Duration skew = Duration.between(sent, now);
    if (skew.abs().compareTo(config.maxCallbackSkew()) > 0) {
      throw reject(
          UNAUTHORIZED,
          "stale or future callback: "
              + TIMESTAMP
              + " "
              + sent
              + " is "
              + skew.abs().toSeconds()
              + "s "
              + (skew.isNegative() ? "ahead of" : "behind")
              + " the clock ("
              + now
              + "); at most "
              + config.maxCallbackSkew().toSeconds()
              + "s allowed");
    }
  }

  private String unknownSerialMessage(String serial) {
    return switch (config.verificationMode()) {
      case PUBLIC_KEY ->
          "unknown "
              + SERIAL
              + " "
              + serial
              + ": this merchant verifies with public key "
              + config.wechatPayPublicKeyId()
              + (serial.startsWith(WechatPayConfig.PUBLIC_KEY_ID_PREFIX)
                  ? ""
                  : " (a certificate serial arrived: use COMBINED while WeChat switches you over)");
      case CERTIFICATE ->
          "unknown "
              + SERIAL
              + " "
              + serial
              + ": not among the downloaded platform certificates"
              + (serial.startsWith(WechatPayConfig.PUBLIC_KEY_ID_PREFIX)
                  ? " (a public key id arrived: use COMBINED or PUBLIC_KEY mode)"
                  : "");
      case COMBINED ->
          "unknown "
              + SERIAL
              + " "
              + serial
              + ": neither public key "
              + config.wechatPayPublicKeyId()
              + " nor a downloaded platform certificate";
    };
  }

  /**
   * Checks WeChat Pay's signature over {@code timestamp\nnonce\nbody\n} with the verifier of this
   * merchant's mode, as the SDK's {@code NotificationParser} does. The parser is not used itself:
   * it would parse the body once to decrypt and this class again for {@code event_type}; here the
   * body is parsed once, after the signature, with the SDK's own Gson.
   */
  private void verify(
      String body, String serial, String signature, String timestamp, String nonce) {
    boolean verified;
    try {
      verified =
          sdk.verifier().verify(serial, timestamp + "\n" + nonce + "\n" + body + "\n", signature);
    } catch (ValidationException e) {
      verified = false;
    } catch (RuntimeException e) {
      // A signature that is not Base64, or a key the verifier cannot use.
      throw reject(
          BAD_REQUEST,
          "malformed callback body or resource (" + e.getClass().getSimpleName() + ")");
    }
    if (!verified) {
      throw reject(UNAUTHORIZED, "signature does not verify (serial " + serial + ")");
    }
  }

  /** The verified body's envelope: event type and encrypted resource. */
  private Notification envelope(String body) {
    Notification notification;
    try {
      notification = GsonUtil.getGson().fromJson(body, Notification.class);
    } catch (RuntimeException e) { // Gson's JsonParseException for a body that is not JSON
      throw reject(
          BAD_REQUEST,
          "malformed callback body or resource (" + e.getClass().getSimpleName() + ")");
    }
    if (notification == null) {
      throw reject(BAD_REQUEST, "malformed callback: the body is empty");
    }
    return notification;
  }

  /** Decrypts the resource with this merchant's API v3 key and reads the fields payflow uses. */
  private NotifiedResource decrypt(@Nullable Resource r) {
    AeadCipher cipher = r == null || r.getAlgorithm() == null ? null : sdk.cipher(r.getAlgorithm());
    if (r == null || cipher == null || r.getCiphertext() == null || r.createNonce() == null) {
      throw reject(
          BAD_REQUEST,
          "malformed callback: the resource lacks algorithm, ciphertext or nonce, or names an"
              + " unknown algorithm");
    }
    if (r.getAssociatedData() == null) {
      throw reject(BAD_REQUEST, "malformed callback: the resource lacks associated_data");
    }
    byte[] ciphertext;
    try {
      ciphertext = Base64.getDecoder().decode(r.getCiphertext());
    } catch (IllegalArgumentException e) {
      throw reject(BAD_REQUEST, "malformed callback: the resource's ciphertext is not Base64");
    }
    String plaintext;
    try {
      plaintext =
          cipher.decrypt(
              r.getAssociatedData().getBytes(StandardCharsets.UTF_8),
              r.createNonce().getBytes(StandardCharsets.UTF_8),
              ciphertext);
    } catch (RuntimeException e) {
      // The SDK's cipher reports a tag that does not verify (tampered, or another key) as an
      // IllegalArgumentException or a DecryptionException.
      throw reject(
          BAD_REQUEST,
          "resource cannot be decrypted with this merchant's API v3 key (tampered, or another key)");
    }
    NotifiedResource resource;
    try {
      resource = GsonUtil.getGson().fromJson(plaintext, NotifiedResource.class);
    } catch (RuntimeException e) {
      throw reject(
          BAD_REQUEST,
          "malformed callback body or resource (" + e.getClass().getSimpleName() + ")");
    }
    if (resource == null) {
      throw reject(BAD_REQUEST, "callback resource decrypts to nothing");
    }
    return resource;
  }

  private PaymentResult payment(NotifiedResource r, String eventType) {
    if (r.appid == null || !isOurAppId(r.appid)) {
      throw reject(
          FORBIDDEN, "callback is for appid " + r.appid + ", not for this channel's app ids");
    }
    String paymentNo = requireField(r.outTradeNo, "out_trade_no", eventType);
    String state = requireField(r.tradeState, "trade_state", eventType);
    PaymentOutcome outcome = TradeStates.outcome(state);
    if (outcome == null) {
      throw reject(BAD_REQUEST, "unknown trade_state " + state + " in " + eventType);
    }
    return new PaymentResult(
        channelId,
        paymentNo,
        outcome,
        state,
        r.transactionId,
        r.amount == null || r.amount.total == null ? -1 : r.amount.total,
        ShanghaiTime.parse(r.successTime),
        r.tradeStateDesc,
        PaymentResult.Source.CALLBACK);
  }

  private RefundResult refund(NotifiedResource r, String eventType) {
    String refundNo = requireField(r.outRefundNo, "out_refund_no", eventType);
    String paymentNo = requireField(r.outTradeNo, "out_trade_no", eventType);
    String state = requireField(r.refundStatus, "refund_status", eventType);
    RefundStatus status = TradeStates.refundStatus(state);
    if (status == null) {
      throw reject(BAD_REQUEST, "unknown refund_status " + state + " in " + eventType);
    }
    return new RefundResult(
        refundNo, paymentNo, status, r.refundId, state, ShanghaiTime.parse(r.successTime));
  }

  private boolean isOurAppId(String appId) {
    return appId.equals(config.appId()) || appId.equals(config.appAppId());
  }

  private String requireField(@Nullable String value, String name, String eventType) {
    if (value == null || value.isBlank()) {
      throw reject(BAD_REQUEST, eventType + " callback lacks " + name);
    }
    return value;
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  /** The names of the blank ones, for the refusal; built only when one is. */
  private static String missing(
      @Nullable String serial,
      @Nullable String signature,
      @Nullable String timestamp,
      @Nullable String nonce) {
    List<String> missing = new ArrayList<>(4);
    if (isBlank(serial)) {
      missing.add(SERIAL);
    }
    if (isBlank(signature)) {
      missing.add(SIGNATURE);
    }
    if (isBlank(timestamp)) {
      missing.add(TIMESTAMP);
    }
    if (isBlank(nonce)) {
      missing.add(NONCE);
    }
    return String.join(", ", missing);
  }

  private CallbackRejectedException reject(int status, String message) {
    log.warn("WeChat Pay callback rejected for merchant {}: {}", config.merchantId(), message);
    return new CallbackRejectedException(status, "WeChat Pay callback rejected: " + message);
  }
}
