package io.payflow.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code payflow.wechat.*} properties at startup, before the channel is built, so that
 * every mistake is reported by the property a Boot user sets, all at once. Messages show lengths,
 * paths and URLs, never a key or the API v3 key.
 */
final class WechatPropertiesCheck {

  static final String PREFIX = "payflow.wechat.";
  private static final int API_V3_KEY_BYTES = 32;

  private WechatPropertiesCheck() {}

  /**
   * @throws PayFlowConfigurationException naming every property at fault
   */
  static void check(PayFlowProperties.Wechat w) {
    Map<String, String> problems = new LinkedHashMap<>();
    requireText(problems, "mch-id", w.getMchId());
    requireText(problems, "app-id", w.getAppId());
    requireText(problems, "merchant-serial-number", w.getMerchantSerialNumber());
    checkKey(
        problems,
        "private-key-path",
        w.getPrivateKeyPath(),
        "private-key",
        w.getPrivateKey(),
        "the merchant API private key (apiclient_key.pem)",
        true);
    checkApiV3Key(problems, w.getApiV3Key());
    checkNotifyUrl(problems, w.getNotifyUrl());
    checkPublicKey(problems, w);
    if (!problems.isEmpty()) {
      throw PayFlowConfigurationException.of(problems);
    }
  }

  private static void requireText(Map<String, String> problems, String name, @Nullable String v) {
    if (v == null || v.isBlank()) {
      problems.put(PREFIX + name, "is required");
    }
  }

  private static boolean checkKey(
      Map<String, String> problems,
      String pathName,
      @Nullable Path path,
      String textName,
      @Nullable String text,
      String what,
      boolean required) {
    boolean hasText = text != null && !text.isBlank();
    if (path != null && hasText) {
      problems.put(
          PREFIX + pathName,
          "set either " + PREFIX + pathName + " or " + PREFIX + textName + ", not both");
      return true;
    }
    if (path != null) {
      if (!Files.isRegularFile(path)) {
        problems.put(PREFIX + pathName, "no file at " + path.toAbsolutePath() + " (" + what + ")");
      } else if (!Files.isReadable(path)) {
        problems.put(PREFIX + pathName, "cannot read " + path.toAbsolutePath() + " (permissions?)");
      }
      return true;
    }
    if (hasText) {
      return true;
    }
    if (required) {
      problems.put(
          PREFIX + pathName,
          "is required: set " + PREFIX + pathName + " or " + PREFIX + textName + " to " + what);
    }
    return false;
  }

  private static void checkApiV3Key(Map<String, String> problems, @Nullable String key) {
    if (key == null || key.isEmpty()) {
      problems.put(
          PREFIX + "api-v3-key", "is required (the 32-byte APIv3密钥 set on the merchant platform)");
      return;
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes != API_V3_KEY_BYTES) {
      // The length tells a truncated copy-paste at once and gives nothing away.
      problems.put(PREFIX + "api-v3-key", "must be exactly 32 bytes, but has " + bytes + " bytes");
    }
  }

  private static void checkNotifyUrl(Map<String, String> problems, @Nullable String url) {
    if (url == null || url.isBlank()) {
      problems.put(
          PREFIX + "notify-url",
          "is required (the https URL WeChat Pay posts results to, reaching "
              + PREFIX
              + "notify-path)");
      return;
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getScheme() == null
        || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
        || uri.getHost() == null) {
      // WeChat Pay refuses a notify_url that is not https; better to hear it now than at prepay.
      problems.put(PREFIX + "notify-url", "must be an absolute https URL, but is '" + url + "'");
    }
  }

  private static void checkPublicKey(Map<String, String> problems, PayFlowProperties.Wechat w) {
    boolean hasId = w.getPublicKeyId() != null && !w.getPublicKeyId().isBlank();
    boolean hasKey =
        checkKey(
            problems,
            "public-key-path",
            w.getPublicKeyPath(),
            "public-key",
            w.getPublicKey(),
            "the WeChat Pay public key (pub_key.pem)",
            false);
    if (hasId && !hasKey) {
      problems.put(
          PREFIX + "public-key-id",
          "is set but no public key is: set "
              + PREFIX
              + "public-key-path or "
              + PREFIX
              + "public-key");
      return;
    }
    if (w.getVerification() == PayFlowProperties.Verification.CERTIFICATE) {
      return;
    }
    String mode = w.getVerification().name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (!hasId) {
      problems.put(
          PREFIX + "public-key-id",
          "is required when "
              + PREFIX
              + "verification is "
              + mode
              + " (PUB_KEY_ID_... from the merchant platform)");
    }
    if (!hasKey) {
      problems.put(
          PREFIX + "public-key-path",
          "is required when "
              + PREFIX
              + "verification is "
              + mode
              + ": set "
              + PREFIX
              + "public-key-path or "
              + PREFIX
              + "public-key");
    }
  }
}
