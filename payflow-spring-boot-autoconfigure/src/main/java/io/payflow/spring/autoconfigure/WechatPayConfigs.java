package io.payflow.spring.autoconfigure;

import io.payflow.core.error.ConfigurationException;
import io.payflow.wechat.VerificationMode;
import io.payflow.wechat.WechatPayConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Makes the WeChat channel's configuration from {@code payflow.wechat.*}: the properties only feed
 * {@link WechatPayConfig.Builder}, which is the one validator; its problems come back named by
 * property. A blank value counts as unset, and an unset one leaves the builder's default.
 *
 * <p>This class is threadsafe (it has no state).
 */
final class WechatPayConfigs {

  static final String PREFIX = "payflow.wechat.";

  /** The builder's setting names and the properties that feed them. */
  private static final Map<String, String> PROPERTY_OF_SETTING = new LinkedHashMap<>();

  static {
    PROPERTY_OF_SETTING.put("merchantId", "mch-id");
    PROPERTY_OF_SETTING.put("appId", "app-id");
    PROPERTY_OF_SETTING.put("appAppId", "app-app-id");
    PROPERTY_OF_SETTING.put("merchantSerialNumber", "merchant-serial-number");
    PROPERTY_OF_SETTING.put("merchantPrivateKeyPath", "private-key-path");
    PROPERTY_OF_SETTING.put("merchantPrivateKey", "private-key");
    PROPERTY_OF_SETTING.put("apiV3Key", "api-v3-key");
    PROPERTY_OF_SETTING.put("verificationMode", "verification");
    PROPERTY_OF_SETTING.put("wechatPayPublicKeyId", "public-key-id");
    PROPERTY_OF_SETTING.put("wechatPayPublicKeyPath", "public-key-path");
    PROPERTY_OF_SETTING.put("wechatPayPublicKey", "public-key");
    PROPERTY_OF_SETTING.put("notifyUrl", "notify-url");
    PROPERTY_OF_SETTING.put("baseUrl", "base-url");
    PROPERTY_OF_SETTING.put("connectTimeout", "connect-timeout");
    PROPERTY_OF_SETTING.put("readTimeout", "read-timeout");
    PROPERTY_OF_SETTING.put("maxCallbackSkew", "max-clock-skew");
  }

  /**
   * A sentence of the builder may name another setting or a verification mode in its own words
   * ("PEM text or merchantPrivateKeyPath to apiclient_key.pem", "in PUBLIC_KEY mode"): those words,
   * whole, are the ones a Boot user does not write.
   */
  private static final Pattern BUILDER_WORD;

  static {
    StringBuilder words = new StringBuilder();
    PROPERTY_OF_SETTING
        .keySet()
        .forEach(w -> words.append(words.length() == 0 ? "" : "|").append(w));
    for (VerificationMode mode : VerificationMode.values()) {
      words.append('|').append(mode.name());
    }
    BUILDER_WORD = Pattern.compile("\\b(" + words + ")\\b");
  }

  private WechatPayConfigs() {}

  /**
   * @throws PayFlowConfigurationException naming every property at fault, all at once
   */
  static WechatPayConfig fromProperties(PayFlowProperties.Wechat w, Clock clock) {
    WechatPayConfig.Builder builder =
        WechatPayConfig.builder()
            .merchantId(text(w.getMchId()))
            .appId(text(w.getAppId()))
            .appAppId(text(w.getAppAppId()))
            .merchantSerialNumber(text(w.getMerchantSerialNumber()))
            .merchantPrivateKeyPath(path(w.getPrivateKeyPath()))
            .merchantPrivateKey(text(w.getPrivateKey()))
            .apiV3Key(w.getApiV3Key())
            .wechatPayPublicKeyId(text(w.getPublicKeyId()))
            .wechatPayPublicKeyPath(path(w.getPublicKeyPath()))
            .wechatPayPublicKey(text(w.getPublicKey()))
            .notifyUrl(text(w.getNotifyUrl()))
            .baseUrl(w.getBaseUrl())
            .clock(clock);
    if (w.getVerification() != null) {
      builder.verificationMode(mode(w.getVerification()));
    }
    if (w.getConnectTimeout() != null) {
      builder.connectTimeout(w.getConnectTimeout());
    }
    if (w.getReadTimeout() != null) {
      builder.readTimeout(w.getReadTimeout());
    }
    if (w.getMaxClockSkew() != null) {
      builder.maxCallbackSkew(w.getMaxClockSkew());
    }
    try {
      return builder.build();
    } catch (ConfigurationException e) {
      PayFlowConfigurationException translated = translate(e);
      translated.initCause(e);
      throw translated;
    }
  }

  static PayFlowConfigurationException translate(ConfigurationException e) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (ConfigurationException.Problem p : e.problems()) {
      problems.merge(property(p.setting()), inPropertyWords(p.problem()), (a, b) -> a + "; " + b);
    }
    return PayFlowConfigurationException.of(problems);
  }

  private static String property(String setting) {
    String property = PROPERTY_OF_SETTING.get(setting);
    return PREFIX
        + (property != null
            ? property
            : setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
  }

  private static String inPropertyWords(String sentence) {
    Matcher m = BUILDER_WORD.matcher(sentence);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String word = m.group(1);
      String replacement =
          PROPERTY_OF_SETTING.containsKey(word)
              ? property(word)
              : PayFlowProperties.Verification.valueOf(word).propertyValue();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static @Nullable String text(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static @Nullable Path path(@Nullable Path value) {
    return value == null || value.toString().isBlank() ? null : value;
  }

  private static VerificationMode mode(PayFlowProperties.Verification verification) {
    return switch (verification) {
      case PUBLIC_KEY -> VerificationMode.PUBLIC_KEY;
      case CERTIFICATE -> VerificationMode.CERTIFICATE;
      case COMBINED -> VerificationMode.COMBINED;
    };
  }
}
