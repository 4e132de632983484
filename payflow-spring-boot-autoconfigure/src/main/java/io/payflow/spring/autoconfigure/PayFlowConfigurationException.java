package io.payflow.spring.autoconfigure;

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

  /** The property at fault, e.g. {@code payflow.wechat.api-v3-key}. */
  public String property() {
    return property;
  }
}
