package io.payflow.core.error;

import java.util.List;
import java.util.Objects;

/**
 * A configuration was refused: one or more settings are missing or out of range. Thrown by the
 * builders of payflow's configuration and of its channels (e.g. {@code PayFlowConfig}, {@code
 * WechatPayConfig}), which are the only validators; {@link #problems()} lists every problem found
 * at once, each naming its setting as the builder names it, so that a framework layer (the Spring
 * Boot starter) can translate the settings into its own property names. No message ever holds a key
 * or a secret.
 */
public class ConfigurationException extends PayFlowException {

  private static final long serialVersionUID = 1L;

  /**
   * One problem with one setting.
   *
   * @param setting the setting as its builder names it, e.g. {@code effectMaxAttempts}
   * @param problem what is wrong, a sentence that reads after the setting's name, e.g. {@code must
   *     be at least 1}
   */
  public record Problem(String setting, String problem) implements java.io.Serializable {

    public Problem {
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(problem, "problem");
    }

    /** The setting followed by the problem, e.g. {@code effectMaxAttempts must be at least 1}. */
    @Override
    public String toString() {
      return setting + " " + problem;
    }
  }

  @SuppressWarnings("serial") // an immutable List.copyOf of serializable records
  private final List<Problem> problems;

  /**
   * @param what what was being configured, e.g. {@code payflow} or {@code WeChat Pay}
   * @param problems every problem found, at least one
   */
  public ConfigurationException(String what, List<Problem> problems) {
    super(PayFlowErrorCode.INVALID_CONFIGURATION, message(what, problems));
    this.problems = List.copyOf(problems);
  }

  /** A configuration with one problem. */
  public ConfigurationException(String what, String setting, String problem) {
    this(what, List.of(new Problem(setting, problem)));
  }

  private static String message(String what, List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
    }
    StringBuilder b = new StringBuilder("Invalid ").append(what).append(" configuration: ");
    for (int i = 0; i < problems.size(); i++) {
      b.append(i == 0 ? "" : "; ").append(problems.get(i));
    }
    return b.toString();
  }

  /** Every problem found, in the order the builder checked them; never empty. */
  public List<Problem> problems() {
    return problems;
  }
}
