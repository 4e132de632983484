package io.payflow.core.channel;

/**
 * The HTTP answer to give a channel's callback.
 *
 * @param status the HTTP status
 * @param contentType the body's content type, or empty when there is no body
 * @param body the body, possibly empty
 */
public record CallbackAnswer(int status, String contentType, String body) {}
