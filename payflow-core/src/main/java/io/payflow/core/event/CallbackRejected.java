package io.payflow.core.event;

import java.time.Instant;

/**
 * A channel callback was refused (bad signature, stale timestamp, probe, malformed body, ...) and
 * changed nothing. {@code orderNo} is empty when the callback could not be read.
 */
public record CallbackRejected(Instant at, String channel, String orderNo, String reason)
    implements PayFlowEvent {}
