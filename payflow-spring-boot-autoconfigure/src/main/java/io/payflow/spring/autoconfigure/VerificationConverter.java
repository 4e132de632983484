package io.payflow.spring.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.convert.converter.Converter;

/**
 * Reads {@code payflow.wechat.verification} as Boot's own enum binding does ({@code public-key},
 * {@code PUBLIC_KEY}, {@code publicKey}), but refuses anything else by naming the values a property
 * file takes, instead of Boot's "No enum constant …Verification.foo".
 *
 * <p>This class is threadsafe.
 */
final class VerificationConverter implements Converter<String, PayFlowProperties.Verification> {

  static final String PROPERTY = "payflow.wechat.verification";

  @Override
  public PayFlowProperties.Verification convert(String source) {
    String wanted = normalized(source);
    for (PayFlowProperties.Verification v : PayFlowProperties.Verification.values()) {
      if (normalized(v.name()).equals(wanted)) {
        return v;
      }
    }
    throw new PayFlowConfigurationException(
        PROPERTY, "must be one of " + acceptedValues() + ", but is '" + source.strip() + "'");
  }

  static String acceptedValues() {
    return Arrays.stream(PayFlowProperties.Verification.values())
        .map(PayFlowProperties.Verification::propertyValue)
        .collect(Collectors.joining(", "));
  }

  private static String normalized(String value) {
    return value.strip().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
