package io.payflow.wechat.testkit;

import org.jspecify.annotations.Nullable;

/**
 * One request the simulator answered, for assertions ("the client queried twice").
 *
 * @param endpoint the endpoint it matched; {@code null} if it matched none
 * @param method the HTTP method
 * @param url the path and query as received
 * @param requestBody the body as received (empty for GET)
 * @param status the HTTP status answered
 * @param errorCode the {@code code} of the error body answered; {@code null} on success
 */
public record RecordedCall(
    @Nullable Endpoint endpoint,
    String method,
    String url,
    String requestBody,
    int status,
    @Nullable String errorCode) {}
