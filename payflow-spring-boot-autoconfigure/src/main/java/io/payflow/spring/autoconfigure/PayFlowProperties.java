package io.payflow.spring.autoconfigure;

import io.payflow.core.PayFlowConfig;
import io.payflow.core.error.ConfigurationException;
import io.payflow.core.schedule.SchedulerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code payflow.*} properties. They only feed {@link PayFlowConfig}'s builder and the WeChat
 * channel's ({@code WechatPayConfig.Builder}); every rule about a value lives in those builders,
 * and their problems are reported here by property name. Defaults are the builders' own {@code
 * DEFAULT_…} values; a WeChat setting left unset (or blank) takes the channel's default.
 */
@ConfigurationProperties("payflow")
public class PayFlowProperties {

  /** How many orders, payments or effects one sweep takes at most. */
  private int batchSize = PayFlowConfig.DEFAULT_BATCH_SIZE;

  private final Order order = new Order();
  private final Effects effects = new Effects();
  private final Reconcile reconcile = new Reconcile();
  private final Expiry expiry = new Expiry();
  private final Scheduling scheduling = new Scheduling();
  private final LatePayments latePayments = new LatePayments();
  private final Wechat wechat = new Wechat();

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public Order getOrder() {
    return order;
  }

  public Effects getEffects() {
    return effects;
  }

  public Reconcile getReconcile() {
    return reconcile;
  }

  public Expiry getExpiry() {
    return expiry;
  }

  public Scheduling getScheduling() {
    return scheduling;
  }

  public LatePayments getLatePayments() {
    return latePayments;
  }

  public Wechat getWechat() {
    return wechat;
  }

  // The core names its own fields; a Boot user needs the property to change.
  private static final Map<String, String> PROPERTY_OF_FIELD =
      Map.of(
          "orderExpireAfter", "payflow.order.expire-after",
          "effectMaxAttempts", "payflow.effects.max-attempts",
          "effectInitialBackoff", "payflow.effects.initial-backoff",
          "effectMaxBackoff", "payflow.effects.max-backoff",
          "effectBackoffMultiplier", "payflow.effects.multiplier",
          "effectLease", "payflow.effects.lease",
          "reconcileQueryAfter", "payflow.reconcile.query-after",
          "prepayGrace", "payflow.reconcile.prepay-grace",
          "batchSize", "payflow.batch-size");

  /**
   * The core's settings made from these properties.
   *
   * @throws PayFlowConfigurationException naming the property if a value is out of range
   */
  public PayFlowConfig toConfig() {
    try {
      return buildConfig();
    } catch (ConfigurationException e) {
      Map<String, String> problems = new LinkedHashMap<>();
      for (ConfigurationException.Problem p : e.problems()) {
        String property = PROPERTY_OF_FIELD.getOrDefault(p.setting(), "payflow." + p.setting());
        problems.merge(property, p.problem(), (a, b) -> a + "; " + b);
      }
      PayFlowConfigurationException translated = PayFlowConfigurationException.of(problems);
      translated.initCause(e);
      throw translated;
    }
  }

  private PayFlowConfig buildConfig() {
    return PayFlowConfig.builder()
        .orderExpireAfter(order.expireAfter)
        .effectMaxAttempts(effects.maxAttempts)
        .effectInitialBackoff(effects.initialBackoff)
        .effectMaxBackoff(effects.maxBackoff)
        .effectBackoffMultiplier(effects.multiplier)
        .effectLease(effects.lease)
        .reconcileQueryAfter(reconcile.queryAfter)
        .prepayGrace(reconcile.prepayGrace)
        .refundLatePayments(latePayments.refund)
        .batchSize(batchSize)
        .build();
  }

  /** Orders. */
  public static class Order {

    /** How long a new order stays payable before it is closed and its stock released. */
    private Duration expireAfter = PayFlowConfig.DEFAULT_ORDER_EXPIRE_AFTER;

    public Duration getExpireAfter() {
      return expireAfter;
    }

    public void setExpireAfter(Duration expireAfter) {
      this.expireAfter = expireAfter;
    }
  }

  /** Side effects (stock, notifications, fulfilment, channel close/refund) and their retries. */
  public static class Effects {

    /** Attempts of one effect before it is parked as dead. */
    private int maxAttempts = PayFlowConfig.DEFAULT_EFFECT_MAX_ATTEMPTS;

    /** Wait after the first failed attempt of an effect. */
    private Duration initialBackoff = PayFlowConfig.DEFAULT_EFFECT_INITIAL_BACKOFF;

    /** Longest wait between two attempts of an effect. */
    private Duration maxBackoff = PayFlowConfig.DEFAULT_EFFECT_MAX_BACKOFF;

    /** Growth of the wait per failed attempt. */
    private double multiplier = PayFlowConfig.DEFAULT_EFFECT_BACKOFF_MULTIPLIER;

    /** How long a claimed effect is held by one runner before another instance may take it over. */
    private Duration lease = PayFlowConfig.DEFAULT_EFFECT_LEASE;

    /** How often due effects (retries, and ones left behind by a crash) are swept up. */
    private Duration sweepInterval = SchedulerConfig.DEFAULT_EFFECT_SWEEP_INTERVAL;

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(double multiplier) {
      this.multiplier = multiplier;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getSweepInterval() {
      return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
      this.sweepInterval = sweepInterval;
    }
  }

  /** Reconciliation (主动查单) of payments whose result never arrived. */
  public static class Reconcile {

    /** How long a payment or refund may wait for its callback before the channel is queried. */
    private Duration queryAfter = PayFlowConfig.DEFAULT_RECONCILE_QUERY_AFTER;

    /**
     * How long after its creation a payment's prepay may still be on its way to the channel: not
     * queried before, and a "not found" answer within it settles nothing.
     */
    private Duration prepayGrace = PayFlowConfig.DEFAULT_PREPAY_GRACE;

    /** How often payments and refunds waiting too long are looked for. */
    private Duration interval = SchedulerConfig.DEFAULT_RECONCILE_INTERVAL;

    public Duration getPrepayGrace() {
      return prepayGrace;
    }

    public void setPrepayGrace(Duration prepayGrace) {
      this.prepayGrace = prepayGrace;
    }

    public Duration getQueryAfter() {
      return queryAfter;
    }

    public void setQueryAfter(Duration queryAfter) {
      this.queryAfter = queryAfter;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** Closing of unpaid orders past their expiry. */
  public static class Expiry {

    /** How often expired unpaid orders are looked for and closed. */
    private Duration interval = SchedulerConfig.DEFAULT_EXPIRY_INTERVAL;

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** payflow's own scheduler for expiry, reconciliation and effect sweeps (the core's). */
  public static class Scheduling {

    /**
     * Whether payflow runs expiry, reconciliation and effect sweeps on its own scheduler. Turn off
     * to drive PayFlow#closeExpiredOrders, #reconcilePayments, #reconcileRefunds and #runDueEffects
     * yourself.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Money that arrives for an order that can no longer take it. */
  public static class LatePayments {

    /** Whether a late payment (order closed, failed or paid by another payment) is refunded. */
    private boolean refund = PayFlowConfig.ofDefaults().refundLatePayments();

    public boolean isRefund() {
      return refund;
    }

    public void setRefund(boolean refund) {
      this.refund = refund;
    }
  }

  /**
   * How WeChat Pay callbacks are verified; in properties {@code public-key}, {@code certificate} or
   * {@code combined}.
   */
  public enum Verification {
    /** With the WeChat Pay public key (微信支付公钥); merchants registered since late 2024. */
    PUBLIC_KEY,
    /** With platform certificates (平台证书), downloaded and renewed with the API v3 key. */
    CERTIFICATE,
    /** Both, for a merchant switching from platform certificates to the public key. */
    COMBINED;

    /** The spelling in properties, e.g. {@code public-key}. */
    String propertyValue() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** The WeChat Pay v3 channel. Configured when {@code payflow.wechat.mch-id} is set. */
  public static class Wechat {

    /** Whether the WeChat Pay channel is configured (when payflow.wechat.mch-id is set). */
    private boolean enabled = true;

    /** Merchant id (商户号, mchid). */
    private @Nullable String mchId;

    /** App id (appid) of the official account, mini-program or app that takes the payments. */
    private @Nullable String appId;

    /**
     * App id (appid) of the mobile app, for App payments when it differs from app-id (JSAPI, Native
     * and H5 keep app-id). Unset: App payments use app-id too.
     */
    private @Nullable String appAppId;

    /** Serial number of the merchant API certificate (商户API证书序列号). */
    private @Nullable String merchantSerialNumber;

    /**
     * File of the merchant API private key (apiclient_key.pem); or give private-key. A blank value
     * counts as unset.
     */
    private @Nullable Path privateKeyPath;

    /** The merchant API private key in PEM; or give private-key-path. Never logged. */
    private @Nullable String privateKey;

    /** The API v3 key (APIv3密钥), 32 bytes. Never logged. */
    private @Nullable String apiV3Key;

    /**
     * How callbacks and responses are verified: public-key, certificate or combined. Unset: the
     * channel's default, public-key.
     */
    private @Nullable Verification verification;

    /** Id of the WeChat Pay public key (PUB_KEY_ID_...), for public-key and combined. */
    private @Nullable String publicKeyId;

    /**
     * File of the WeChat Pay public key (pub_key.pem); or give public-key. A blank value counts as
     * unset.
     */
    private @Nullable Path publicKeyPath;

    /** The WeChat Pay public key in PEM; or give public-key-path. */
    private @Nullable String publicKey;

    /** The https URL WeChat Pay posts payment results to; it must reach notify-path. */
    private @Nullable String notifyUrl;

    /** The path of the callback endpoint that payflow exposes on Spring MVC. */
    private String notifyPath = "/payflow/wechat/notify";

    // The WeChat defaults stay with the channel (WechatPayConfig.DEFAULT_…): these classes must
    // load without payflow-wechat on the class path, so an unset value here means "the channel's".
    // Only the base URL, a compile-time constant, is copied in at compile time.

    /** Base URL of the WeChat Pay API; a simulator's URL in tests. */
    private String baseUrl = io.payflow.wechat.WechatPayConfig.DEFAULT_BASE_URL;

    /** Connect timeout of calls to WeChat Pay. Unset: the channel's default, 5s. */
    private @Nullable Duration connectTimeout;

    /** Read timeout of calls to WeChat Pay. Unset: the channel's default, 10s. */
    private @Nullable Duration readTimeout;

    /**
     * How far a callback's Wechatpay-Timestamp may be from now before it is refused as stale.
     * Unset: the channel's default, 5m.
     */
    private @Nullable Duration maxClockSkew;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public @Nullable String getMchId() {
      return mchId;
    }

    public void setMchId(@Nullable String mchId) {
      this.mchId = mchId;
    }

    public @Nullable String getAppId() {
      return appId;
    }

    public void setAppId(@Nullable String appId) {
      this.appId = appId;
    }

    public @Nullable String getAppAppId() {
      return appAppId;
    }

    public void setAppAppId(@Nullable String appAppId) {
      this.appAppId = appAppId;
    }

    public @Nullable String getMerchantSerialNumber() {
      return merchantSerialNumber;
    }

    public void setMerchantSerialNumber(@Nullable String merchantSerialNumber) {
      this.merchantSerialNumber = merchantSerialNumber;
    }

    public @Nullable Path getPrivateKeyPath() {
      return privateKeyPath;
    }

    public void setPrivateKeyPath(@Nullable Path privateKeyPath) {
      this.privateKeyPath = privateKeyPath;
    }

    public @Nullable String getPrivateKey() {
      return privateKey;
    }

    public void setPrivateKey(@Nullable String privateKey) {
      this.privateKey = privateKey;
    }

    public @Nullable String getApiV3Key() {
      return apiV3Key;
    }

    public void setApiV3Key(@Nullable String apiV3Key) {
      this.apiV3Key = apiV3Key;
    }

    public @Nullable Verification getVerification() {
      return verification;
    }

    public void setVerification(@Nullable Verification verification) {
      this.verification = verification;
    }

    public @Nullable String getPublicKeyId() {
      return publicKeyId;
    }

    public void setPublicKeyId(@Nullable String publicKeyId) {
      this.publicKeyId = publicKeyId;
    }

    public @Nullable Path getPublicKeyPath() {
      return publicKeyPath;
    }

    public void setPublicKeyPath(@Nullable Path publicKeyPath) {
      this.publicKeyPath = publicKeyPath;
    }

    public @Nullable String getPublicKey() {
      return publicKey;
    }

    public void setPublicKey(@Nullable String publicKey) {
      this.publicKey = publicKey;
    }

    public @Nullable String getNotifyUrl() {
      return notifyUrl;
    }

    public void setNotifyUrl(@Nullable String notifyUrl) {
      this.notifyUrl = notifyUrl;
    }

    public String getNotifyPath() {
      return notifyPath;
    }

    public void setNotifyPath(String notifyPath) {
      this.notifyPath = notifyPath;
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public @Nullable Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(@Nullable Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public @Nullable Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(@Nullable Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    public @Nullable Duration getMaxClockSkew() {
      return maxClockSkew;
    }

    public void setMaxClockSkew(@Nullable Duration maxClockSkew) {
      this.maxClockSkew = maxClockSkew;
    }

    // Secrets stay out of toString(), which Boot's diagnostics and debuggers print.
    @Override
    public String toString() {
      return "Wechat[mchId=" + mchId + ", appId=" + appId + ", verification=" + verification + "]";
    }
  }
}
