package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.AbstractThrowableAssert;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** Finds the startup failure a payflow property caused. */
final class Failures {

  private Failures() {}

  /** Asserts startup failed because of a payflow property, and returns that failure to check. */
  static AbstractThrowableAssert<?, ? extends Throwable> configurationFailure(
      AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      if (t instanceof PayFlowConfigurationException) {
        return assertThat(t);
      }
    }
    throw new AssertionError(
        "startup failed, but not on a payflow property", context.getStartupFailure());
  }
}
