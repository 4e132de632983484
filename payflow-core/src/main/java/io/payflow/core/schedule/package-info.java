/**
 * The scheduler of payflow's time-driven work (expiry, reconciliation, effect sweeps), for any
 * host: a plain Java application starts it with {@link io.payflow.core.schedule.PayFlowScheduler};
 * the Spring Boot starter ties the same scheduler to the application's lifecycle.
 */
@NullMarked
package io.payflow.core.schedule;

import org.jspecify.annotations.NullMarked;
