/**
 * Implementation of the payflow facade; not an API, may change in any release. {@code PayFlowImpl}
 * is a thin facade over one class per use case: {@code order} (creation, closing), {@code payment}
 * (starting, the pure {@code PaymentDecisions}, callbacks, reconciliation), {@code refund}
 * (requests and the pure {@code RefundDecisions}), run by the {@code flow.OrderTransactor} (load →
 * decide → compare-and-set → publish events; what a transition owes goes to the effect runner), and
 * {@code effect} (the runner and one handler per kind of effect). Dependencies point one way:
 * facade → use cases → decisions → transactor → store; runner → handlers → transactor.
 */
@NullMarked
package io.payflow.core.internal;

import org.jspecify.annotations.NullMarked;
