package io.payflow.core.trace;

import java.time.Instant;

/**
 * One message of an order's flow trace: who called whom with what.
 *
 * @param at when it happened
 * @param from the caller
 * @param to the callee (the same as {@code from} for a step a participant takes by itself)
 * @param message what was asked or answered, in the reference diagram's words
 * @param reply whether it is an answer (drawn {@code -->>}) rather than a call ({@code ->>})
 * @param block the diagram block it belongs to, as a path of {@code /}-separated segments such as
 *     {@code alt:订单创建成功/alt:微信下单成功/par:并行处理}, or empty for the top level; the renderer opens and
 *     closes {@code alt} and {@code par} blocks from it
 */
public record TraceEntry(
    Instant at, Participant from, Participant to, String message, boolean reply, String block) {}
