package io.payflow.wechat.testkit;

import io.payflow.wechat.testkit.internal.DefaultWechatPaySimulator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A local WeChat Pay v3 server for tests (WeChat Pay v3 has no sandbox). It listens on a random
 * loopback port, checks each request's merchant signature and parameters as WeChat does, keeps the
 * state of each order and refund, signs every answer like WeChat (so the official SDK's
 * verification passes), and builds and delivers signed, encrypted notifications on demand.
 *
 * <p>All key material (the merchant's key pair, WeChat's platform public key and platform
 * certificate, the API v3 key) is generated in memory when the simulator is built; hand it to the
 * client under test through the accessors. Point the client at {@link #baseUrl()}; a client with a
 * fixed WeChat host (such as the official SDK) can use {@link #redirectInterceptor()}.
 *
 * <pre>{@code
 * try (WechatPaySimulator sim = WechatPaySimulator.builder().merchantId("1900000001")
 *     .appId("wx8888888888888888").build()) {
 *   sim.start();
 *   // ... prepay through the client under test, then:
 *   sim.pay("ORDER-0001");
 *   DeliveryResult answer = sim.deliver(sim.transactionNotification("ORDER-0001")
 *       .to("http://127.0.0.1:" + port + "/wechat/callback").build());
 * }
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public interface WechatPaySimulator extends AutoCloseable {

  /**
   * Starts a builder with the defaults: merchant {@code 1900000001}, app id {@code
   * wx8888888888888888}, {@link SigningMode#PUBLIC_KEY}, the system clock.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server on a random loopback port. Calling it again does nothing.
   *
   * @return this simulator
   */
  WechatPaySimulator start();

  /** Stops the server. The simulator cannot be started again. */
  @Override
  void close();

  /**
   * Returns where the simulator listens.
   *
   * @return e.g. {@code http://127.0.0.1:54321}, without a trailing slash
   * @throws IllegalStateException if it is not started
   */
  String baseUrl();

  /**
   * Returns an OkHttp interceptor that sends any request (to {@code api.mch.weixin.qq.com} or
   * elsewhere) to this simulator, keeping path and query, so that the signed URL is unchanged.
   *
   * @return the interceptor
   */
  Interceptor redirectInterceptor();

  /**
   * Returns an OkHttp client with {@link #redirectInterceptor()}, e.g. for the SDK's {@code
   * DefaultHttpClientBuilder.okHttpClient(...)}.
   *
   * @return the client
   */
  OkHttpClient okHttpClient();

  /**
   * Returns the merchant id (商户号) the simulator accepts.
   *
   * @return the {@code mchid}
   */
  String merchantId();

  /**
   * Returns the app id bound to the merchant.
   *
   * @return the {@code appid}
   */
  String appId();

  /**
   * Returns how responses and notifications are signed.
   *
   * @return the signing mode
   */
  SigningMode signingMode();

  /**
   * Returns the merchant's API private key (商户API私钥), for the client under test to sign with.
   *
   * @return the RSA-2048 private key
   */
  PrivateKey merchantPrivateKey();

  /**
   * Returns the merchant's API private key as PKCS#8 PEM, as WeChat's {@code apiclient_key.pem}.
   *
   * @return the PEM text
   */
  String merchantPrivateKeyPem();

  /**
   * Returns the merchant's public key, with which the simulator checks request signatures.
   *
   * @return the RSA public key
   */
  PublicKey merchantPublicKey();

  /**
   * Returns the serial number of the merchant's API certificate (商户API证书序列号).
   *
   * @return 40 hexadecimal digits
   */
  String merchantSerialNumber();

  /**
   * Returns WeChat Pay's public key (微信支付公钥), with which a merchant verifies in public-key mode.
   *
   * @return the RSA public key
   */
  PublicKey platformPublicKey();

  /**
   * Returns WeChat Pay's public key as PEM, as the merchant platform lets one download it.
   *
   * @return the PEM text
   */
  String platformPublicKeyPem();

  /**
   * Returns the id of WeChat Pay's public key, sent as {@code Wechatpay-Serial} in public-key mode.
   *
   * @return {@code PUB_KEY_ID_…}
   */
  String platformPublicKeyId();

  /**
   * Returns the self-signed platform certificate (平台证书) used in certificate mode.
   *
   * @return the certificate
   */
  X509Certificate platformCertificate();

  /**
   * Returns the platform certificate as PEM.
   *
   * @return the PEM text
   */
  String platformCertificatePem();

  /**
   * Returns the platform certificate's serial number, sent as {@code Wechatpay-Serial} in
   * certificate mode.
   *
   * @return upper-case hexadecimal digits
   */
  String platformCertificateSerialNumber();

  /**
   * Returns the API v3 key (APIv3密钥) that encrypts notifications and certificates.
   *
   * @return 32 ASCII characters; keep it out of logs, as a real one
   */
  String apiV3Key();

  /**
   * Returns an order as the simulator holds it.
   *
   * @param outTradeNo the merchant's order number
   * @return the order, or empty if it was never prepaid
   */
  Optional<SimulatedOrder> order(String outTradeNo);

  /**
   * Returns a refund as the simulator holds it.
   *
   * @param outRefundNo the merchant's refund number
   * @return the refund, or empty if it was never requested
   */
  Optional<SimulatedRefund> refund(String outRefundNo);

  /**
   * Lets the payer pay the order: {@code NOTPAY} or {@code USERPAYING} becomes {@code SUCCESS},
   * with a transaction id, a success time and a payer. Sends no notification: see {@link
   * #transactionNotification(String)}.
   *
   * @param outTradeNo the merchant's order number
   * @return the paid order
   * @throws IllegalArgumentException if the order was never prepaid
   * @throws IllegalStateException if the order is closed, failed or already paid
   */
  SimulatedOrder pay(String outTradeNo);

  /**
   * Makes the payment fail: {@code NOTPAY} or {@code USERPAYING} becomes {@code PAYERROR}.
   *
   * @param outTradeNo the merchant's order number
   * @return the order
   * @throws IllegalArgumentException if the order was never prepaid
   * @throws IllegalStateException if the order is not waiting for payment
   */
  SimulatedOrder payError(String outTradeNo);

  /**
   * Makes the payer start paying: {@code NOTPAY} becomes {@code USERPAYING} (a transaction id is
   * assigned, as WeChat does).
   *
   * @param outTradeNo the merchant's order number
   * @return the order
   * @throws IllegalArgumentException if the order was never prepaid
   * @throws IllegalStateException if the order is not {@code NOTPAY}
   */
  SimulatedOrder userPaying(String outTradeNo);

  /**
   * Closes the order on WeChat's side (e.g. its {@code time_expire} passed): an unpaid order
   * becomes {@code CLOSED}.
   *
   * @param outTradeNo the merchant's order number
   * @return the order
   * @throws IllegalArgumentException if the order was never prepaid
   * @throws IllegalStateException if the order is paid
   */
  SimulatedOrder closeOnWechatSide(String outTradeNo);

  /**
   * Completes a refund: {@code PROCESSING} becomes {@code SUCCESS}. Sends no notification: see
   * {@link #refundNotification(String)}.
   *
   * @param outRefundNo the merchant's refund number
   * @return the refund
   * @throws IllegalArgumentException if the refund was never requested
   * @throws IllegalStateException if it is not processing
   */
  SimulatedRefund completeRefund(String outRefundNo);

  /**
   * Ends a refund without the money reaching the payer: {@code PROCESSING} becomes {@code ABNORMAL}
   * (退款异常, e.g. the payer's card was cancelled; the amount stays taken from the order, as WeChat
   * keeps it for an 异常退款) or {@code CLOSED} (退款关闭; the amount can be refunded again). Sends no
   * notification: see {@link #refundNotification(String)}, which then carries {@code
   * REFUND.ABNORMAL} or {@code REFUND.CLOSED}.
   *
   * @param outRefundNo the merchant's refund number
   * @param outcome {@link RefundStatus#ABNORMAL} or {@link RefundStatus#CLOSED}
   * @return the refund
   * @throws IllegalArgumentException if the refund was never requested, or {@code outcome} is
   *     neither ABNORMAL nor CLOSED
   * @throws IllegalStateException if it is not processing
   */
  SimulatedRefund failRefund(String outRefundNo, RefundStatus outcome);

  /**
   * Starts a {@code TRANSACTION.SUCCESS} notification (支付成功通知) of the order as it is now; the order
   * should be paid first with {@link #pay(String)}.
   *
   * @param outTradeNo the merchant's order number
   * @return a builder; nothing is sent until {@link #deliver(NotificationRequest)}
   * @throws IllegalArgumentException if the order was never prepaid
   */
  NotificationBuilder transactionNotification(String outTradeNo);

  /**
   * Starts a refund notification (退款结果通知) of the refund as it is now: {@code REFUND.SUCCESS} after
   * {@link #completeRefund(String)} (and while it is still processing), {@code REFUND.ABNORMAL} or
   * {@code REFUND.CLOSED} after {@link #failRefund(String, RefundStatus)}.
   *
   * @param outRefundNo the merchant's refund number
   * @return a builder; nothing is sent until {@link #deliver(NotificationRequest)}
   * @throws IllegalArgumentException if the refund was never requested
   */
  NotificationBuilder refundNotification(String outRefundNo);

  /**
   * POSTs the notification to its URL, as WeChat does, and reports the answer.
   *
   * @param notification the notification
   * @return what the receiver answered
   * @throws NotificationDeliveryException if no answer came at all
   */
  DeliveryResult deliver(NotificationRequest notification);

  /**
   * POSTs the same notification {@code times} times in a row, as WeChat does when it did not see an
   * acknowledgement.
   *
   * @param notification the notification
   * @param times how many times, at least 1
   * @return each answer, in order
   * @throws NotificationDeliveryException if one got no answer at all
   */
  List<DeliveryResult> deliver(NotificationRequest notification, int times);

  /**
   * Pays the order and delivers one {@code TRANSACTION.SUCCESS} notification to its notify URL (or
   * the override): the usual happy path in one call.
   *
   * @param outTradeNo the merchant's order number
   * @return what the receiver answered
   */
  DeliveryResult payAndNotify(String outTradeNo);

  /**
   * Makes the next call of {@code endpoint} fail with {@code fault}; later calls are normal again.
   * Several faults for one endpoint are played in the order they were set.
   *
   * @param endpoint the endpoint
   * @param fault the fault
   */
  void failNext(Endpoint endpoint, Fault fault);

  /**
   * Returns every request answered so far, oldest first.
   *
   * @return a copy of the journal
   */
  List<RecordedCall> calls();

  /**
   * Returns the requests answered so far by one endpoint, oldest first.
   *
   * @param endpoint the endpoint
   * @return a copy of that part of the journal
   */
  List<RecordedCall> calls(Endpoint endpoint);

  /**
   * Sends every notification built from now on to {@code url} instead of the {@code notify_url} of
   * its prepay, as {@link Builder#notifyUrlOverride(String)} does, for a receiver whose address is
   * known only once it runs: a Spring Boot test on a random port calls it with {@code
   * "http://127.0.0.1:" + port + "/payflow/wechat/notify"} once the application has started. The
   * prepay's {@code notify_url} stays the https address WeChat requires; {@link #reset()} keeps the
   * override.
   *
   * @param url e.g. {@code http://127.0.0.1:54321/payflow/wechat/notify}
   */
  void overrideNotifyUrl(String url);

  /**
   * Forgets all orders, refunds, pending faults and the journal; keeps the keys, the port and the
   * notify URL override.
   */
  void reset();

  /** Configures a simulator. Not threadsafe; the simulator it builds is. */
  final class Builder {
    private String merchantId = "1900000001";
    private String appId = "wx8888888888888888";
    private SigningMode signingMode = SigningMode.PUBLIC_KEY;
    private @Nullable String notifyUrlOverride;
    private Clock clock = Clock.systemUTC();

    Builder() {}

    /**
     * Sets the merchant id (商户号) the simulator accepts.
     *
     * @param merchantId the {@code mchid}
     * @return this builder
     */
    public Builder merchantId(String merchantId) {
      this.merchantId = Objects.requireNonNull(merchantId, "merchantId");
      return this;
    }

    /**
     * Sets the app id bound to the merchant.
     *
     * @param appId the {@code appid}
     * @return this builder
     */
    public Builder appId(String appId) {
      this.appId = Objects.requireNonNull(appId, "appId");
      return this;
    }

    /**
     * Sets how responses and notifications are signed.
     *
     * @param signingMode public key (default) or platform certificate
     * @return this builder
     */
    public Builder signingMode(SigningMode signingMode) {
      this.signingMode = Objects.requireNonNull(signingMode, "signingMode");
      return this;
    }

    /**
     * Sends every notification to this URL instead of the {@code notify_url} of the prepay, which
     * WeChat requires to be https and which a test cannot serve.
     *
     * @param url e.g. {@code http://127.0.0.1:8080/pay/callback}
     * @return this builder
     */
    public Builder notifyUrlOverride(String url) {
      this.notifyUrlOverride = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Sets the clock for WeChat's business times ({@code success_time}, {@code create_time}).
     * Signature timestamps always use real time, as the SDK checks them against its own.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the simulator and generates its keys; {@link WechatPaySimulator#start()} starts it.
     *
     * @return the simulator, not started
     */
    public WechatPaySimulator build() {
      return new DefaultWechatPaySimulator(
          merchantId, appId, signingMode, notifyUrlOverride, clock);
    }
  }
}
