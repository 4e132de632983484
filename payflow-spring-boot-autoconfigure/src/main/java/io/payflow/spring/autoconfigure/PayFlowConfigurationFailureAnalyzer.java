package io.payflow.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a {@link PayFlowConfigurationException} into Boot's "APPLICATION FAILED TO START" report,
 * so the property to fix is the first thing a developer reads rather than the end of a stack trace.
 * First among the analyzers: a bad {@code payflow.wechat.verification} value reaches here inside
 * Boot's own binding failure, and this report names the accepted values in property spelling.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class PayFlowConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<PayFlowConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PayFlowConfigurationException cause) {
    return new FailureAnalysis(
        "payflow is misconfigured: " + cause.getMessage(),
        "Set or correct "
            + cause.property()
            + " (and any other property named above) in application.properties or the"
            + " environment.",
        cause);
  }
}
