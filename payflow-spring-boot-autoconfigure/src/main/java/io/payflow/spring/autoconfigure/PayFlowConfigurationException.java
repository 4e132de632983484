package io.payflow.spring.autoconfigure;

import java.util.Map;

/**
 * A {@code payflow.*} property is missing or wrong, found at startup so that a misconfigured
 * application never starts taking payments. The message names the property and never contains a
 * secret value.
 */
public class PayFlowConfigurationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String property;

  public PayFlowConfigurationException(String property, String problem) {
    super(property + ": " + problem);
    this.property = property;
  }

  public PayFlowConfigurationException(String property, String problem, Throwable cause) {
    super(property + ": " + problem, cause);
    this.property = property;
  }

  private PayFlowConfigurationException(String property, String message, boolean whole) {
    super(message);
    this.property = property;
  }

  /**
   * One exception for several problems found at once, so that a developer fixes them in one go.
   *
   * @param problems each property at fault and what is wrong with it, in the order to report
   */
  static PayFlowConfigurationException of(Map<String, String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problem to report");
    }
    StringBuilder message = new StringBuilder();
    problems.forEach(
        (property, problem) ->
            message
                .append(message.length() == 0 ? "" : "; ")
                .append(property)
                .append(": ")
                .append(problem));
    return new PayFlowConfigurationException(
        problems.keySet().iterator().next(), message.toString(), true);
  }

  /** The (first) property at fault, e.g. {@code payflow.wechat.api-v3-key}. */
  public String property() {
    return property;
  }
}
