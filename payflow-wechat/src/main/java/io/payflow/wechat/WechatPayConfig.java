package io.payflow.wechat;

import io.payflow.core.error.ConfigurationException;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.internal.KeyLoader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link WechatPayChannel} needs to talk to WeChat Pay v3 for one merchant (商户号).
 *
 * <p>Made by {@link #builder()}; {@link Builder#build()} reads and parses the keys and checks every
 * setting, and refuses with an {@link ConfigurationException} that names each bad setting. Keys and
 * the API v3 key are never printed: not by {@link #toString()}, not in any message. Several
 * merchants in one JVM each get their own config and channel.
 *
 * <p>Immutable and threadsafe.
 */
public final class WechatPayConfig {

  /** WeChat Pay's API host; override it only for a simulator or a forward proxy. */
  public static final String DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com";

  /** Time to open a connection to WeChat Pay. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Time to wait for WeChat Pay's answer; WeChat documents answers within a few seconds, and a
   * timeout is reported as an unknown outcome that a later query settles.
   */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How far a callback's {@code Wechatpay-Timestamp} may be from the clock: WeChat's own SDKs
   * reject responses older than 5 minutes, and the same window stops replays of old callbacks.
   */
  public static final Duration DEFAULT_MAX_CALLBACK_SKEW = Duration.ofMinutes(5);

  /** Public-key mode: every merchant has a WeChat Pay public key, and new ones only have that. */
  public static final VerificationMode DEFAULT_VERIFICATION_MODE = VerificationMode.PUBLIC_KEY;

  /** The prefix of a WeChat Pay public key id, as sent in {@code Wechatpay-Serial}. */
  public static final String PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";

  private static final int API_V3_KEY_BYTES = 32;

  private final String merchantId;
  private final String appId;
  private final @Nullable String appAppId;
  private final String merchantSerialNumber;
  private final PrivateKey merchantPrivateKey;
  private final String apiV3Key;
  private final VerificationMode verificationMode;
  private final @Nullable String wechatPayPublicKeyId;
  private final @Nullable PublicKey wechatPayPublicKey;
  private final String notifyUrl;
  private final String baseUrl;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration maxCallbackSkew;
  private final Clock clock;

  private WechatPayConfig(Builder b, PrivateKey privateKey, @Nullable PublicKey publicKey) {
    this.merchantId = Objects.requireNonNull(b.merchantId);
    this.appId = Objects.requireNonNull(b.appId);
    this.appAppId = b.appAppId;
    this.merchantSerialNumber = Objects.requireNonNull(b.merchantSerialNumber);
    this.merchantPrivateKey = privateKey;
    this.apiV3Key = Objects.requireNonNull(b.apiV3Key);
    this.verificationMode = Objects.requireNonNull(b.verificationMode);
    this.wechatPayPublicKeyId = b.wechatPayPublicKeyId;
    this.wechatPayPublicKey = publicKey;
    this.notifyUrl = Objects.requireNonNull(b.notifyUrl);
    this.baseUrl = stripTrailingSlash(Objects.requireNonNull(b.baseUrl));
    this.connectTimeout = Objects.requireNonNull(b.connectTimeout);
    this.readTimeout = Objects.requireNonNull(b.readTimeout);
    this.maxCallbackSkew = Objects.requireNonNull(b.maxCallbackSkew);
    this.clock = Objects.requireNonNull(b.clock);
  }

  /** A builder with every optional setting at its {@code DEFAULT_…} value. */
  public static Builder builder() {
    return new Builder();
  }

  /** The merchant id (商户号, {@code mchid}). */
  public String merchantId() {
    return merchantId;
  }

  /** The app id (公众号 / 小程序 appid) used for JSAPI, Native and H5, and for App unless set. */
  public String appId() {
    return appId;
  }

  /** The mobile app's own appid (开放平台移动应用), or null when App payments use {@link #appId()}. */
  public @Nullable String appAppId() {
    return appAppId;
  }

  /** The appid sent with a prepay of this trade type. */
  public String appIdFor(TradeType tradeType) {
    return tradeType == TradeType.APP && appAppId != null ? appAppId : appId;
  }

  /** The serial number of the merchant's API certificate (商户API证书序列号). */
  public String merchantSerialNumber() {
    return merchantSerialNumber;
  }

  /** The merchant's API private key. Never log it. */
  public PrivateKey merchantPrivateKey() {
    return merchantPrivateKey;
  }

  /** The API v3 key (APIv3密钥) that decrypts callbacks and certificates. Never log it. */
  public String apiV3Key() {
    return apiV3Key;
  }

  /** How WeChat Pay's signatures are verified. */
  public VerificationMode verificationMode() {
    return verificationMode;
  }

  /** The WeChat Pay public key id ({@code PUB_KEY_ID_…}), or null in certificate mode. */
  public @Nullable String wechatPayPublicKeyId() {
    return wechatPayPublicKeyId;
  }

  /** The WeChat Pay public key (微信支付公钥), or null in certificate mode. */
  public @Nullable PublicKey wechatPayPublicKey() {
    return wechatPayPublicKey;
  }

  /** Where WeChat Pay sends payment and refund callbacks; always https. */
  public String notifyUrl() {
    return notifyUrl;
  }

  /** The API base URL, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  /** How far a callback's timestamp may be from {@link #clock()}, either way. */
  public Duration maxCallbackSkew() {
    return maxCallbackSkew;
  }

  /** The clock for callback freshness and pay-sign timestamps. */
  public Clock clock() {
    return clock;
  }

  /** The settings, with the keys and the API v3 key masked. */
  @Override
  public String toString() {
    return "WechatPayConfig[merchantId="
        + merchantId
        + ", appId="
        + appId
        + (appAppId == null ? "" : ", appAppId=" + appAppId)
        + ", merchantSerialNumber="
        + merchantSerialNumber
        + ", merchantPrivateKey=***, apiV3Key=***, verificationMode="
        + verificationMode
        + (wechatPayPublicKeyId == null ? "" : ", wechatPayPublicKeyId=" + wechatPayPublicKeyId)
        + ", notifyUrl="
        + notifyUrl
        + ", baseUrl="
        + baseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", maxCallbackSkew="
        + maxCallbackSkew
        + "]";
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * Builds a {@link WechatPayConfig}. Required: merchant id, app id, merchant serial number,
   * merchant private key, API v3 key, notify URL, and in {@code PUBLIC_KEY} or {@code COMBINED}
   * mode the WeChat Pay public key and its id.
   *
   * <p>Not threadsafe; build on one thread.
   */
  public static final class Builder {
    private @Nullable String merchantId;
    private @Nullable String appId;
    private @Nullable String appAppId;
    private @Nullable String merchantSerialNumber;
    private @Nullable String merchantPrivateKeyPem;
    private @Nullable Path merchantPrivateKeyPath;
    private @Nullable String apiV3Key;
    private @Nullable VerificationMode verificationMode = DEFAULT_VERIFICATION_MODE;
    private @Nullable String wechatPayPublicKeyId;
    private @Nullable String wechatPayPublicKeyPem;
    private @Nullable Path wechatPayPublicKeyPath;
    private @Nullable String notifyUrl;
    // Nullable so that build() names a setting set to null among the other problems, as the class
    // promises, instead of a setter throwing a NullPointerException.
    private @Nullable String baseUrl = DEFAULT_BASE_URL;
    private @Nullable Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private @Nullable Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private @Nullable Duration maxCallbackSkew = DEFAULT_MAX_CALLBACK_SKEW;
    private @Nullable Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder merchantId(String merchantId) {
      this.merchantId = merchantId;
      return this;
    }

    public Builder appId(String appId) {
      this.appId = appId;
      return this;
    }

    /** The mobile app's appid, when App payments use a different appid than JSAPI/Native/H5. */
    public Builder appAppId(@Nullable String appAppId) {
      this.appAppId = appAppId;
      return this;
    }

    public Builder merchantSerialNumber(String merchantSerialNumber) {
      this.merchantSerialNumber = merchantSerialNumber;
      return this;
    }

    /**
     * The merchant private key as PKCS#8 PEM text ({@code apiclient_key.pem}'s content); or give
     * {@link #merchantPrivateKeyPath(Path)}, not both.
     */
    public Builder merchantPrivateKey(@Nullable String pem) {
      this.merchantPrivateKeyPem = pem;
      return this;
    }

    /**
     * The merchant private key's file ({@code apiclient_key.pem}); or give {@link
     * #merchantPrivateKey(String)}, not both.
     */
    public Builder merchantPrivateKeyPath(@Nullable Path path) {
      this.merchantPrivateKeyPath = path;
      return this;
    }

    /** The API v3 key: exactly 32 bytes. */
    public Builder apiV3Key(String apiV3Key) {
      this.apiV3Key = apiV3Key;
      return this;
    }

    public Builder verificationMode(VerificationMode verificationMode) {
      this.verificationMode = verificationMode;
      return this;
    }

    /** The WeChat Pay public key id, {@code PUB_KEY_ID_…}. */
    public Builder wechatPayPublicKeyId(String publicKeyId) {
      this.wechatPayPublicKeyId = publicKeyId;
      return this;
    }

    /**
     * The WeChat Pay public key as PEM text ({@code pub_key.pem}'s content); or give {@link
     * #wechatPayPublicKeyPath(Path)}, not both.
     */
    public Builder wechatPayPublicKey(@Nullable String pem) {
      this.wechatPayPublicKeyPem = pem;
      return this;
    }

    /**
     * The WeChat Pay public key's file ({@code pub_key.pem}); or give {@link
     * #wechatPayPublicKey(String)}, not both.
     */
    public Builder wechatPayPublicKeyPath(@Nullable Path path) {
      this.wechatPayPublicKeyPath = path;
      return this;
    }

    /** The https URL WeChat Pay calls back with payment and refund results. */
    public Builder notifyUrl(String notifyUrl) {
      this.notifyUrl = notifyUrl;
      return this;
    }

    /** Replaces {@link #DEFAULT_BASE_URL}, e.g. with a local simulator. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    public Builder maxCallbackSkew(Duration maxCallbackSkew) {
      this.maxCallbackSkew = maxCallbackSkew;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Checks every setting and loads the keys.
     *
     * @throws ConfigurationException listing every problem, each naming its setting
     */
    public WechatPayConfig build() {
      List<String> problems = new ArrayList<>();
      requireText(problems, "merchantId", merchantId);
      requireText(problems, "appId", appId);
      requireText(problems, "merchantSerialNumber", merchantSerialNumber);
      checkApiV3Key(problems);
      checkNotifyUrl(problems);
      checkBaseUrl(problems);
      checkPositive(problems, "connectTimeout", connectTimeout);
      checkPositive(problems, "readTimeout", readTimeout);
      checkPositive(problems, "maxCallbackSkew", maxCallbackSkew);
      if (verificationMode == null) {
        problems.add("verificationMode is required (PUBLIC_KEY, CERTIFICATE or COMBINED)");
      }
      if (clock == null) {
        problems.add("clock is required");
      }

      PrivateKey privateKey = loadPrivateKey(problems);
      PublicKey publicKey = checkPublicKey(problems);

      if (!problems.isEmpty()) {
        throw new ConfigurationException(
            "WeChat Pay", problems.stream().map(Builder::problem).toList());
      }
      return new WechatPayConfig(this, Objects.requireNonNull(privateKey), publicKey);
    }

    /** Each sentence starts with the setting it is about: split it there. */
    private static ConfigurationException.Problem problem(String sentence) {
      int space = sentence.indexOf(' ');
      return space < 0
          ? new ConfigurationException.Problem(sentence, "is invalid")
          : new ConfigurationException.Problem(
              sentence.substring(0, space), sentence.substring(space + 1));
    }

    private static void requireText(List<String> problems, String name, @Nullable String value) {
      if (value == null || value.isBlank()) {
        problems.add(name + " is required");
      }
    }

    private void checkApiV3Key(List<String> problems) {
      if (apiV3Key == null || apiV3Key.isEmpty()) {
        problems.add("apiV3Key is required (the 32-byte APIv3密钥 set on the merchant platform)");
        return;
      }
      int length = apiV3Key.getBytes(StandardCharsets.UTF_8).length;
      if (length != API_V3_KEY_BYTES) {
        // The length is not a secret worth hiding, and it tells a truncated copy-paste at once.
        problems.add(
            "apiV3Key must be exactly "
                + API_V3_KEY_BYTES
                + " bytes, but has "
                + length
                + " bytes");
      }
    }

    private void checkNotifyUrl(List<String> problems) {
      if (notifyUrl == null || notifyUrl.isBlank()) {
        problems.add("notifyUrl is required (the https URL WeChat Pay sends callbacks to)");
        return;
      }
      URI uri = parseUri(notifyUrl);
      if (uri == null
          || !"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null
          || uri.getHost().isEmpty()) {
        problems.add("notifyUrl must be an absolute https URL, but is '" + notifyUrl + "'");
      } else if (uri.getQuery() != null) {
        // WeChat refuses notify_url with parameters (PARAM_ERROR at prepay): say so before.
        problems.add("notifyUrl must not carry query parameters, but is '" + notifyUrl + "'");
      }
    }

    private void checkBaseUrl(List<String> problems) {
      if (baseUrl == null || baseUrl.isBlank()) {
        problems.add("baseUrl is required (default " + DEFAULT_BASE_URL + ")");
        return;
      }
      URI uri = parseUri(baseUrl);
      String scheme = uri == null ? null : uri.getScheme();
      if (uri == null
          || scheme == null
          || !(scheme.toLowerCase(Locale.ROOT).equals("https")
              || scheme.toLowerCase(Locale.ROOT).equals("http"))
          || uri.getHost() == null) {
        problems.add("baseUrl must be an absolute http(s) URL, but is '" + baseUrl + "'");
      }
    }

    private static @Nullable URI parseUri(String text) {
      try {
        return new URI(text.trim());
      } catch (URISyntaxException e) {
        return null;
      }
    }

    private static void checkPositive(
        List<String> problems, String name, @Nullable Duration value) {
      if (value == null) {
        problems.add(name + " is required");
      } else if (value.isZero() || value.isNegative()) {
        problems.add(name + " must be positive, but is " + value);
      }
    }

    private @Nullable PrivateKey loadPrivateKey(List<String> problems) {
      if (merchantPrivateKeyPem == null && merchantPrivateKeyPath == null) {
        problems.add(
            "merchantPrivateKey is required (PEM text or merchantPrivateKeyPath to"
                + " apiclient_key.pem)");
        return null;
      }
      if (merchantPrivateKeyPem != null && merchantPrivateKeyPath != null) {
        // Which one was meant is a guess; the key may be the wrong one. Say so, and still check
        // both.
        problems.add(
            "merchantPrivateKeyPath is set and so is merchantPrivateKey: set one of them, not both");
        loadPrivateKeyFromText(problems);
      }
      try {
        return merchantPrivateKeyPath != null
            ? KeyLoader.privateKeyFromPath("merchantPrivateKeyPath", merchantPrivateKeyPath)
            : KeyLoader.privateKey(
                "merchantPrivateKey", Objects.requireNonNull(merchantPrivateKeyPem));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        return null;
      }
    }

    private void loadPrivateKeyFromText(List<String> problems) {
      try {
        KeyLoader.privateKey("merchantPrivateKey", Objects.requireNonNull(merchantPrivateKeyPem));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }

    private @Nullable PublicKey checkPublicKey(List<String> problems) {
      boolean hasKey = wechatPayPublicKeyPem != null || wechatPayPublicKeyPath != null;
      boolean hasId = wechatPayPublicKeyId != null && !wechatPayPublicKeyId.isBlank();
      if (verificationMode == null) {
        return null; // reported by build(); which key is needed depends on the mode
      }
      if (verificationMode == VerificationMode.CERTIFICATE) {
        if (hasId && !hasKey) {
          problems.add(
              "wechatPayPublicKeyId is set but no public key is, and verificationMode is"
                  + " CERTIFICATE: remove it, or set wechatPayPublicKeyPath or wechatPayPublicKey"
                  + " and use PUBLIC_KEY, or COMBINED while switching from certificates");
        } else if (hasKey || hasId) {
          problems.add(
              "wechatPayPublicKey and wechatPayPublicKeyId are set but verificationMode is"
                  + " CERTIFICATE: use PUBLIC_KEY, or COMBINED while switching from certificates");
        }
        return null;
      }
      if (!hasId) {
        problems.add(
            "wechatPayPublicKeyId is required in "
                + verificationMode
                + " mode (PUB_KEY_ID_… from the merchant platform)");
      } else if (!Objects.requireNonNull(wechatPayPublicKeyId).startsWith(PUBLIC_KEY_ID_PREFIX)) {
        problems.add(
            "wechatPayPublicKeyId must start with "
                + PUBLIC_KEY_ID_PREFIX
                + ", but is '"
                + wechatPayPublicKeyId
                + "' (a certificate serial belongs to CERTIFICATE mode)");
      }
      if (!hasKey) {
        problems.add(
            "wechatPayPublicKey is required in "
                + verificationMode
                + " mode (PEM text or wechatPayPublicKeyPath to pub_key.pem)");
        return null;
      }
      if (wechatPayPublicKeyPem != null && wechatPayPublicKeyPath != null) {
        problems.add(
            "wechatPayPublicKeyPath is set and so is wechatPayPublicKey: set one of them, not"
                + " both");
        try {
          KeyLoader.publicKey("wechatPayPublicKey", wechatPayPublicKeyPem);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      try {
        return wechatPayPublicKeyPath != null
            ? KeyLoader.publicKeyFromPath("wechatPayPublicKeyPath", wechatPayPublicKeyPath)
            : KeyLoader.publicKey(
                "wechatPayPublicKey", Objects.requireNonNull(wechatPayPublicKeyPem));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        return null;
      }
    }
  }
}
