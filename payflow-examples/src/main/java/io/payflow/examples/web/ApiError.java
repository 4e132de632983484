package io.payflow.examples.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of every error of the demo's REST API.
 *
 * @param code a stable machine-readable code, payflow's own where payflow refused (e.g. {@code
 *     INSUFFICIENT_STOCK})
 * @param message what is wrong, in words a shop developer understands
 * @param field the request field at fault, for {@code INVALID_REQUEST}; omitted otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, @Nullable String field) {

  public ApiError(String code, String message) {
    this(code, message, null);
  }
}
