package io.payflow.wechat;

import java.util.List;

/**
 * A {@link WechatPayConfig} was refused. The message lists every problem found, each naming its
 * setting; no message ever contains a key or a secret.
 */
public final class InvalidWechatPayConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable List.copyOf of strings
  private final List<String> problems;

  InvalidWechatPayConfigException(List<String> problems) {
    super("Invalid WeChat Pay configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One sentence per problem, each starting with the setting's name. */
  public List<String> problems() {
    return problems;
  }
}
