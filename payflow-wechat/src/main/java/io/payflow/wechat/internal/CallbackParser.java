package io.payflow.wechat.internal;

import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.Notification;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.core.util.GsonUtil;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.RefundStatus;
import io.payflow.wechat.WechatPayConfig;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies, decrypts and reads a WeChat Pay v3 callback exactly as received.
 *
 * <p>The SDK's {@code NotificationParser} checks the signature over {@code
 * timestamp\nnonce\nbody\n} and decrypts the resource; around it this class adds what the SDK
 * leaves to the merchant: all four headers present, signature probes ({@code WECHATPAY/SIGNTEST/})
 * refused, the timestamp within the allowed skew of the configured clock (replay protection; the
 * SDK does not check it), the serial known to this merchant's mode, and the merchant and app ids
 * being ours. Every refusal is a {@link CallbackRejectedException} with a 4xx status. Threadsafe.
 */
public final class CallbackParser {

  private static final Logger log = LoggerFactory.getLogger(CallbackParser.class);

  static final String SERIAL = "Wechatpay-Serial";
  static final String SIGNATURE = "Wechatpay-Signature";
  static final String TIMESTAMP = "Wechatpay-Timestamp";
  static final String NONCE = "Wechatpay-Nonce";
  static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
  static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

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
    String serial = request.header(SERIAL);
    String signature = request.header(SIGNATURE);
    String timestamp = request.header(TIMESTAMP);
    String nonce = request.header(NONCE);
    List<String> missing = new ArrayList<>();
    addIfBlank(missing, SERIAL, serial);
    addIfBlank(missing, SIGNATURE, signature);
    addIfBlank(missing, TIMESTAMP, timestamp);
    addIfBlank(missing, NONCE, nonce);
    if (!missing.isEmpty()) {
      throw reject(BAD_REQUEST, "callback lacks header(s) " + String.join(", ", missing));
    }
    if (Objects.requireNonNull(signature).startsWith(PROBE_PREFIX)) {
      // WeChat probes whether merchants verify signatures; a success answer would fail the probe.
      throw reject(
          UNAUTHORIZED, "signature probe (" + PROBE_PREFIX + "…) refused: callbacks are verified");
    }
    checkFresh(Objects.requireNonNull(timestamp));
    String signType = request.header(SIGNATURE_TYPE);
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
    String body = request.body();
    NotifiedResource resource = verifyAndDecrypt(request, serial, signature, timestamp, nonce);
    String eventType = eventType(body);
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

  private NotifiedResource verifyAndDecrypt(
      CallbackRequest request, String serial, String signature, String timestamp, String nonce) {
    RequestParam param =
        new RequestParam.Builder()
            .serialNumber(serial)
            .signature(signature)
            .timestamp(timestamp)
            .nonce(nonce)
            .signType(request.header(SIGNATURE_TYPE))
            .body(request.body())
            .build();
    NotifiedResource resource;
    try {
      resource = sdk.notificationParser().parse(param, NotifiedResource.class);
    } catch (ValidationException e) {
      throw reject(UNAUTHORIZED, "signature does not verify (serial " + serial + ")");
    } catch (DecryptionException e) {
      throw reject(
          BAD_REQUEST,
          "resource cannot be decrypted with this merchant's API v3 key (tampered, or another key)");
    } catch (MalformedMessageException e) {
      throw reject(
          BAD_REQUEST,
          "malformed callback: the resource lacks algorithm, ciphertext or nonce, or names an"
              + " unknown algorithm");
    } catch (RuntimeException e) {
      // Gson's JsonParseException for a body that is not JSON, NPEs and IllegalArgumentExceptions
      // for a resource that lacks associated_data or holds bad Base64.
      throw reject(
          BAD_REQUEST,
          "malformed callback body or resource (" + e.getClass().getSimpleName() + ")");
    }
    if (resource == null) {
      throw reject(BAD_REQUEST, "callback resource decrypts to nothing");
    }
    return resource;
  }

  private String eventType(String body) {
    Notification notification;
    try {
      notification = GsonUtil.getGson().fromJson(body, Notification.class);
    } catch (RuntimeException e) {
      throw reject(BAD_REQUEST, "malformed callback body (" + e.getClass().getSimpleName() + ")");
    }
    if (notification == null
        || notification.getEventType() == null
        || notification.getEventType().isBlank()) {
      throw reject(BAD_REQUEST, "callback has no event_type");
    }
    return notification.getEventType();
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

  private static void addIfBlank(List<String> missing, String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      missing.add(name);
    }
  }

  private CallbackRejectedException reject(int status, String message) {
    log.warn("WeChat Pay callback rejected for merchant {}: {}", config.merchantId(), message);
    return new CallbackRejectedException(status, "WeChat Pay callback rejected: " + message);
  }
}
