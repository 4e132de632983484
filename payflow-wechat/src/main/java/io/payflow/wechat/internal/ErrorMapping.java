package io.payflow.wechat.internal;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the SDK throws into a {@link ChannelException} whose kind tells the core what it may
 * do.
 *
 * <p>The rule that matters: anything after which WeChat Pay may have acted on the request without
 * us knowing (timeout, I/O error, an answer we cannot read or cannot trust) is {@link
 * ChannelErrorKind#UNKNOWN_OUTCOME}, never a failure that would release stock; a query settles it.
 * A response whose signature does not verify is in that class too: the request reached something
 * that answered, WeChat may well have placed or refunded the order, and a forged "failed" answer
 * must not make us give up on a payment that may be paid.
 *
 * <p>The SDK's exceptions are never kept as causes: their messages quote the request (with its
 * {@code Authorization} header and its body, the payer's openid among it) or the response, and a
 * logged stack trace prints every cause. Stateless and threadsafe.
 */
public final class ErrorMapping {

  private static final Map<String, ChannelErrorKind> BY_CODE =
      Map.ofEntries(
          Map.entry("ORDERPAID", ChannelErrorKind.ALREADY_PAID),
          Map.entry("ORDER_CLOSED", ChannelErrorKind.ALREADY_CLOSED),
          Map.entry("OUT_TRADE_NO_USED", ChannelErrorKind.DUPLICATE_NUMBER),
          Map.entry("ORDER_NOT_EXIST", ChannelErrorKind.NOT_FOUND),
          Map.entry("RESOURCE_NOT_EXISTS", ChannelErrorKind.NOT_FOUND),
          Map.entry("NOT_FOUND", ChannelErrorKind.NOT_FOUND),
          // WeChat's documented advice for these is "retry later with the same parameters".
          Map.entry("SYSTEM_ERROR", ChannelErrorKind.RETRY_LATER),
          Map.entry("SYSTEMERROR", ChannelErrorKind.RETRY_LATER),
          Map.entry("FREQUENCY_LIMITED", ChannelErrorKind.RETRY_LATER),
          Map.entry("FREQUENCY_LIMIT_EXCEED", ChannelErrorKind.RETRY_LATER),
          Map.entry("BANKERROR", ChannelErrorKind.RETRY_LATER),
          // Refund from an account short of funds: retry once the merchant has topped it up.
          Map.entry("NOT_ENOUGH", ChannelErrorKind.RETRY_LATER),
          Map.entry("PARAM_ERROR", ChannelErrorKind.REJECTED),
          Map.entry("INVALID_REQUEST", ChannelErrorKind.REJECTED),
          Map.entry("SIGN_ERROR", ChannelErrorKind.REJECTED),
          Map.entry("NOAUTH", ChannelErrorKind.REJECTED),
          Map.entry("APPID_MCHID_NOT_MATCH", ChannelErrorKind.REJECTED),
          Map.entry("MCH_NOT_EXISTS", ChannelErrorKind.REJECTED),
          Map.entry("RULE_LIMIT", ChannelErrorKind.REJECTED),
          Map.entry("TRADE_ERROR", ChannelErrorKind.REJECTED),
          Map.entry("ACCOUNT_ERROR", ChannelErrorKind.REJECTED),
          Map.entry("USER_ACCOUNT_ABNORMAL", ChannelErrorKind.REJECTED),
          Map.entry("NO_AUTH", ChannelErrorKind.REJECTED));

  private ErrorMapping() {}

  /**
   * The kind for a WeChat error code and HTTP status. Unknown codes fall back on the status: 5xx
   * (and 429) is RETRY_LATER, any other status REJECTED.
   */
  public static ChannelErrorKind kindOf(@Nullable String code, int httpStatus) {
    if (code != null) {
      ChannelErrorKind kind = BY_CODE.get(code);
      if (kind != null) {
        return kind;
      }
    }
    if (httpStatus >= 500 || httpStatus == 429) {
      return ChannelErrorKind.RETRY_LATER;
    }
    return ChannelErrorKind.REJECTED;
  }

  /**
   * Maps what an SDK call threw.
   *
   * @param action what was attempted, e.g. {@code "prepay P123"}, for the message
   */
  public static ChannelException map(String action, RuntimeException e) {
    if (e instanceof ServiceException se) {
      String code = se.getErrorCode();
      int status = se.getHttpStatusCode();
      ChannelErrorKind kind = kindOf(code, status);
      String message =
          "WeChat Pay refused "
              + action
              + ": HTTP "
              + status
              + (code == null ? "" : " " + code)
              + (se.getErrorMessage() == null ? "" : " (" + se.getErrorMessage() + ")");
      // Not even as the cause: the SDK's message quotes the whole request, Authorization header and
      // body (the payer's openid) included, and a logged stack trace prints every cause.
      return new ChannelException(kind, code, message);
    }
    if (e instanceof HttpException) {
      return new ChannelException(
          ChannelErrorKind.UNKNOWN_OUTCOME,
          null,
          "No answer from WeChat Pay for "
              + action
              + " ("
              + rootCause(e)
              + "); it may or may not have happened, query to settle it",
          transportCause(e));
    }
    if (e instanceof ValidationException) {
      return new ChannelException(
          ChannelErrorKind.UNKNOWN_OUTCOME,
          "SIGNATURE_INVALID",
          "The answer to "
              + action
              + " does not carry a valid WeChat Pay signature (wrong public key or certificate,"
              + " or not from WeChat Pay); it is not trusted, query to settle it");
    }
    if (e instanceof MalformedMessageException) {
      return new ChannelException(
          ChannelErrorKind.UNKNOWN_OUTCOME,
          "MALFORMED_RESPONSE",
          "The answer to " + action + " cannot be read; query to settle it");
    }
    // WechatPay2Validator throws IllegalArgumentException for a stale or missing response
    // timestamp; gson throws its own exceptions for an unreadable error body (e.g. an HTML 502).
    return new ChannelException(
        ChannelErrorKind.UNKNOWN_OUTCOME,
        null,
        "Unexpected failure of "
            + action
            + " ("
            + e.getClass().getSimpleName()
            + "); it may or may not have happened, query to settle it");
  }

  /**
   * The I/O failure under an {@link HttpException}, which is safe to keep: the HttpException itself
   * is not, since its message quotes the request with its Authorization header and body.
   */
  private static @Nullable Throwable transportCause(RuntimeException e) {
    return e.getCause() instanceof IOException io ? io : null;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      // OkHttp closes the socket when a read times out, so the deepest cause of a timeout is a
      // "Socket closed" SocketException: name the timeout, which is what happened.
      if (t instanceof InterruptedIOException) {
        return t.getClass().getSimpleName();
      }
    }
    return t == e ? e.getClass().getSimpleName() : t.getClass().getSimpleName();
  }
}
