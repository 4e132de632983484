package io.payflow.examples.web;

import io.payflow.core.PrepayFailedException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns what payflow refuses into the demo API's {@code {"code","message"}} errors, by {@link
 * PayFlowException#errorCode()}. Limited to the demo's own controllers: the starter's callback
 * endpoint answers WeChat in WeChat's own way.
 */
@RestControllerAdvice(basePackages = "io.payflow.examples")
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  /**
   * The HTTP status of each of payflow's error codes (README, "The demo's REST API"). Exhaustive: a
   * code payflow adds does not compile here until it has a status, so no known code answers 500.
   */
  static HttpStatus status(PayFlowErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST, CALLBACK_REJECTED -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case INSUFFICIENT_STOCK,
          STALE_PRICE,
          ORDER_NOT_PAYABLE,
          ILLEGAL_TRANSITION,
          CONCURRENT_UPDATE,
          // The number generator repeated itself and nothing was kept: create the order again.
          DUPLICATE_NUMBER,
          // A refund of an order whose only success was refunded as a late payment.
          NO_PAYMENT,
          CHANNEL_ALREADY_PAID,
          CHANNEL_ALREADY_CLOSED,
          CHANNEL_DUPLICATE_NUMBER ->
          HttpStatus.CONFLICT;
      // 微信下单失败, or WeChat refused or answered what cannot be trusted (another amount).
      case PREPAY_FAILED, AMOUNT_MISMATCH, CHANNEL_REJECTED, CHANNEL_NOT_FOUND ->
          HttpStatus.BAD_GATEWAY;
      // WeChat is busy: try again later.
      case CHANNEL_RETRY_LATER -> HttpStatus.SERVICE_UNAVAILABLE;
      // WeChat did not answer in time: payflow settles it by a query.
      case CHANNEL_UNKNOWN_OUTCOME -> HttpStatus.GATEWAY_TIMEOUT;
      // The shop itself is misconfigured, its store is down or holds a row edited by hand: try
      // again once it is fixed.
      case INVALID_CONFIGURATION,
          UNKNOWN_NOTIFIER,
          UNKNOWN_CHANNEL,
          BAD_EFFECT,
          STORE_FAILURE,
          CORRUPT_DATA ->
          HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ApiError> invalid(InvalidRequestException e) {
    String field = RequestFields.toApi(e.field());
    String message = e.getMessage() == null ? field : e.getMessage();
    if (!field.equals(e.field()) && message.startsWith(e.field() + ":")) {
      message = field + message.substring(e.field().length());
    }
    return error(HttpStatus.BAD_REQUEST, new ApiError(e.code(), message, field));
  }

  @ExceptionHandler(PrepayFailedException.class)
  ResponseEntity<ApiError> prepayFailed(PrepayFailedException e) {
    // The channel's own code (e.g. PARAM_ERROR) helps whoever reads the page; the order stays
    // payable.
    String channelCode = e.channelCode();
    String message =
        channelCode == null ? e.getMessage() : e.getMessage() + " [" + channelCode + "]";
    return error(HttpStatus.BAD_GATEWAY, new ApiError(e.code(), String.valueOf(message)));
  }

  @ExceptionHandler(PayFlowException.class)
  ResponseEntity<ApiError> payFlow(PayFlowException e) {
    HttpStatus status = status(e.errorCode());
    if (status.is5xxServerError()) {
      log.warn("payflow failed with {}: {}", e.code(), e.getMessage(), e);
    }
    return error(status, new ApiError(e.code(), String.valueOf(e.getMessage())));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return error(
        HttpStatus.BAD_REQUEST,
        new ApiError(
            "INVALID_REQUEST",
            "the request body is not the JSON this endpoint takes: "
                + String.valueOf(e.getMostSpecificCause().getMessage())
                    .lines()
                    .findFirst()
                    .orElse("")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
    return error(
        HttpStatus.BAD_REQUEST,
        new ApiError("INVALID_REQUEST", e.getName() + ": not a valid value", e.getName()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> other(Exception e) {
    if (e instanceof ErrorResponse spring) {
      // Spring MVC's own refusals inside a demo handler (media type, missing body) keep their
      // status.
      HttpStatusCode status = spring.getStatusCode();
      HttpStatus known = HttpStatus.resolve(status.value());
      String code =
          known == null ? "HTTP_" + status.value() : known.name().toUpperCase(Locale.ROOT);
      String detail = spring.getBody().getDetail();
      return error(status, new ApiError(code, detail == null ? code : detail));
    }
    log.error("unexpected failure", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        new ApiError("INTERNAL_ERROR", "the shop failed unexpectedly; see its log"));
  }

  /** Sets the content type so that the error is written even to an event-stream request. */
  private static ResponseEntity<ApiError> error(HttpStatusCode status, ApiError body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
