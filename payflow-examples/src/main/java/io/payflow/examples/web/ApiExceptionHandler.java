package io.payflow.examples.web;

import io.payflow.core.PrepayFailedException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.error.PayFlowException;
import java.util.Locale;
import java.util.Map;
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
 * PayFlowException#code()}. Limited to the demo's own controllers: the starter's callback endpoint
 * answers WeChat in WeChat's own way.
 */
@RestControllerAdvice(basePackages = "io.payflow.examples")
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private static final Map<String, HttpStatus> STATUS_BY_CODE =
      Map.of(
          "INVALID_REQUEST", HttpStatus.BAD_REQUEST,
          "NOT_FOUND", HttpStatus.NOT_FOUND,
          "INSUFFICIENT_STOCK", HttpStatus.CONFLICT,
          "STALE_PRICE", HttpStatus.CONFLICT,
          "ORDER_NOT_PAYABLE", HttpStatus.CONFLICT,
          "ILLEGAL_TRANSITION", HttpStatus.CONFLICT,
          "CONCURRENT_UPDATE", HttpStatus.CONFLICT,
          // 微信下单失败: the upstream payment service refused or did not answer.
          "PREPAY_FAILED", HttpStatus.BAD_GATEWAY);

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
    HttpStatus status = STATUS_BY_CODE.get(e.code());
    if (status == null) {
      log.warn("unexpected payflow failure {}", e.code(), e);
      status = HttpStatus.INTERNAL_SERVER_ERROR;
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
