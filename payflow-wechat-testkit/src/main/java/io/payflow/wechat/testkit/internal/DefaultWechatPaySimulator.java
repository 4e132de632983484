package io.payflow.wechat.testkit.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.payflow.wechat.testkit.DeliveryResult;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.Fault;
import io.payflow.wechat.testkit.NotificationBuilder;
import io.payflow.wechat.testkit.NotificationDeliveryException;
import io.payflow.wechat.testkit.NotificationRequest;
import io.payflow.wechat.testkit.RecordedCall;
import io.payflow.wechat.testkit.RefundStatus;
import io.payflow.wechat.testkit.SigningMode;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.SimulatedRefund;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.WechatPaySimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The simulator: keys, a WireMock server on a loopback port, the WeChat Pay behaviour and
 * notification delivery.
 *
 * <p>This class is threadsafe.
 */
public final class DefaultWechatPaySimulator implements WechatPaySimulator {

  private final String merchantId;
  private final String appId;
  private final SigningMode signingMode;
  private volatile @Nullable String notifyUrlOverride;
  private final KeyMaterial keys;
  private final WechatPayApi api;
  private final WechatSignatures signatures;
  private final WireMockServer server;
  private final OkHttpClient deliveryClient;
  private final Interceptor redirect;
  private final OkHttpClient redirectingClient;
  private volatile boolean started;

  /**
   * Generates the keys and prepares the server; use {@link WechatPaySimulator#builder()}.
   *
   * @param merchantId the merchant id
   * @param appId the app id
   * @param signingMode how answers are signed
   * @param notifyUrlOverride where notifications go instead of the prepay's notify URL
   * @param clock the business clock
   */
  public DefaultWechatPaySimulator(
      String merchantId,
      String appId,
      SigningMode signingMode,
      @Nullable String notifyUrlOverride,
      Clock clock) {
    this.merchantId = merchantId;
    this.appId = appId;
    this.signingMode = signingMode;
    this.notifyUrlOverride = notifyUrlOverride;
    this.keys = KeyMaterial.generate(merchantId, clock.instant());
    this.api = new WechatPayApi(merchantId, appId, signingMode, keys, clock);
    this.signatures = new WechatSignatures(signingMode, keys);
    this.server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                // WeChat does not gzip; and OkHttp would unzip anyway, so this only saves work.
                .gzipDisabled(true)
                // The simulator keeps its own journal with endpoints and error codes.
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .extensions(new SigningTransformer(api, signatures)));
    this.deliveryClient =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(10))
            .build();
    this.redirect = this::redirect;
    this.redirectingClient = new OkHttpClient.Builder().addInterceptor(redirect).build();
  }

  @Override
  public synchronized WechatPaySimulator start() {
    if (!started) {
      server.stubFor(any(anyUrl()).willReturn(aResponse()));
      server.start();
      started = true;
    }
    return this;
  }

  @Override
  public synchronized void close() {
    server.stop();
    deliveryClient.dispatcher().executorService().shutdown();
    deliveryClient.connectionPool().evictAll();
    redirectingClient.connectionPool().evictAll();
  }

  @Override
  public String baseUrl() {
    if (!started) {
      throw new IllegalStateException("the WeChat Pay simulator is not started: call start()");
    }
    return "http://127.0.0.1:" + server.port();
  }

  private Response redirect(Interceptor.Chain chain) throws IOException {
    Request original = chain.request();
    HttpUrl target = Objects.requireNonNull(HttpUrl.parse(baseUrl()));
    HttpUrl url =
        original
            .url()
            .newBuilder()
            .scheme(target.scheme())
            .host(target.host())
            .port(target.port())
            .build();
    return chain.proceed(original.newBuilder().url(url).build());
  }

  @Override
  public Interceptor redirectInterceptor() {
    return redirect;
  }

  @Override
  public OkHttpClient okHttpClient() {
    return redirectingClient;
  }

  @Override
  public String merchantId() {
    return merchantId;
  }

  @Override
  public String appId() {
    return appId;
  }

  @Override
  public SigningMode signingMode() {
    return signingMode;
  }

  @Override
  public PrivateKey merchantPrivateKey() {
    return keys.merchant.getPrivate();
  }

  @Override
  public String merchantPrivateKeyPem() {
    return KeyMaterial.pem("PRIVATE KEY", keys.merchant.getPrivate().getEncoded());
  }

  @Override
  public PublicKey merchantPublicKey() {
    return keys.merchant.getPublic();
  }

  @Override
  public String merchantSerialNumber() {
    return keys.merchantSerialNumber;
  }

  @Override
  public PublicKey platformPublicKey() {
    return keys.platformPublicKey.getPublic();
  }

  @Override
  public String platformPublicKeyPem() {
    return KeyMaterial.pem("PUBLIC KEY", keys.platformPublicKey.getPublic().getEncoded());
  }

  @Override
  public String platformPublicKeyId() {
    return keys.platformPublicKeyId;
  }

  @Override
  public X509Certificate platformCertificate() {
    return keys.platformCertificate;
  }

  @Override
  public String platformCertificatePem() {
    try {
      return KeyMaterial.pem("CERTIFICATE", keys.platformCertificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String platformCertificateSerialNumber() {
    return keys.platformCertificateSerialNumber;
  }

  @Override
  public String apiV3Key() {
    return keys.apiV3Key;
  }

  @Override
  public Optional<SimulatedOrder> order(String outTradeNo) {
    synchronized (api.lock()) {
      OrderState order = api.orderLocked(outTradeNo);
      return order == null ? Optional.empty() : Optional.of(order.snapshot());
    }
  }

  @Override
  public Optional<SimulatedRefund> refund(String outRefundNo) {
    synchronized (api.lock()) {
      RefundState refund = api.refundLocked(outRefundNo);
      return refund == null ? Optional.empty() : Optional.of(refund.snapshot());
    }
  }

  @Override
  public SimulatedOrder pay(String outTradeNo) {
    synchronized (api.lock()) {
      OrderState order = existingOrder(outTradeNo);
      requireState(order, "pay", TradeState.NOTPAY, TradeState.USERPAYING);
      assignTransaction(order);
      order.state = TradeState.SUCCESS;
      order.successTime = api.now();
      return order.snapshot();
    }
  }

  @Override
  public SimulatedOrder payError(String outTradeNo) {
    synchronized (api.lock()) {
      OrderState order = existingOrder(outTradeNo);
      requireState(order, "fail the payment of", TradeState.NOTPAY, TradeState.USERPAYING);
      assignTransaction(order);
      order.state = TradeState.PAYERROR;
      return order.snapshot();
    }
  }

  @Override
  public SimulatedOrder userPaying(String outTradeNo) {
    synchronized (api.lock()) {
      OrderState order = existingOrder(outTradeNo);
      requireState(order, "start paying", TradeState.NOTPAY);
      assignTransaction(order);
      order.state = TradeState.USERPAYING;
      return order.snapshot();
    }
  }

  @Override
  public SimulatedOrder closeOnWechatSide(String outTradeNo) {
    synchronized (api.lock()) {
      OrderState order = existingOrder(outTradeNo);
      requireState(
          order,
          "close",
          TradeState.NOTPAY,
          TradeState.USERPAYING,
          TradeState.PAYERROR,
          TradeState.CLOSED);
      order.state = TradeState.CLOSED;
      return order.snapshot();
    }
  }

  @Override
  public SimulatedRefund completeRefund(String outRefundNo) {
    synchronized (api.lock()) {
      RefundState refund = api.refundLocked(outRefundNo);
      if (refund == null) {
        throw new IllegalArgumentException(
            "no refund " + outRefundNo + " at the WeChat Pay simulator: request it first");
      }
      if (refund.status != RefundStatus.PROCESSING) {
        throw new IllegalStateException(
            "refund " + outRefundNo + " is " + refund.status + ", not PROCESSING");
      }
      refund.status = RefundStatus.SUCCESS;
      refund.successTime = api.now();
      return refund.snapshot();
    }
  }

  @Override
  public SimulatedRefund failRefund(String outRefundNo, RefundStatus outcome) {
    if (outcome != RefundStatus.ABNORMAL && outcome != RefundStatus.CLOSED) {
      throw new IllegalArgumentException(
          "a refund fails as ABNORMAL or CLOSED, not " + outcome + ": see completeRefund");
    }
    synchronized (api.lock()) {
      RefundState refund = api.refundLocked(outRefundNo);
      if (refund == null) {
        throw new IllegalArgumentException(
            "no refund " + outRefundNo + " at the WeChat Pay simulator: request it first");
      }
      if (refund.status != RefundStatus.PROCESSING) {
        throw new IllegalStateException(
            "refund " + outRefundNo + " is " + refund.status + ", not PROCESSING");
      }
      refund.status = outcome;
      if (outcome == RefundStatus.CLOSED) {
        refund.order.refunded -= refund.refund;
      }
      return refund.snapshot();
    }
  }

  @Override
  public NotificationBuilder transactionNotification(String outTradeNo) {
    String notifyUrl;
    synchronized (api.lock()) {
      notifyUrl = existingOrder(outTradeNo).notifyUrl;
    }
    String override = notifyUrlOverride;
    return new DefaultNotificationBuilder(
        DefaultNotificationBuilder.Kind.TRANSACTION_SUCCESS,
        () -> {
          synchronized (api.lock()) {
            return WechatPayApi.write(api.transactionJson(existingOrder(outTradeNo)));
          }
        },
        override != null ? override : notifyUrl,
        signatures,
        keys.apiV3Key);
  }

  @Override
  public NotificationBuilder refundNotification(String outRefundNo) {
    RefundState refund;
    DefaultNotificationBuilder.Kind kind;
    synchronized (api.lock()) {
      refund = api.refundLocked(outRefundNo);
      if (refund == null) {
        throw new IllegalArgumentException(
            "no refund " + outRefundNo + " at the WeChat Pay simulator: request it first");
      }
      // The event type follows the refund's state now, as WeChat sends one notification per end.
      kind =
          switch (refund.status) {
            case ABNORMAL -> DefaultNotificationBuilder.Kind.REFUND_ABNORMAL;
            case CLOSED -> DefaultNotificationBuilder.Kind.REFUND_CLOSED;
            case PROCESSING, SUCCESS -> DefaultNotificationBuilder.Kind.REFUND_SUCCESS;
          };
    }
    String override = notifyUrlOverride;
    String url =
        override != null
            ? override
            : refund.notifyUrl != null ? refund.notifyUrl : refund.order.notifyUrl;
    RefundState chosen = refund;
    return new DefaultNotificationBuilder(
        kind,
        () -> {
          synchronized (api.lock()) {
            return WechatPayApi.write(api.refundNotificationJson(chosen));
          }
        },
        url,
        signatures,
        keys.apiV3Key);
  }

  @Override
  public DeliveryResult deliver(NotificationRequest notification) {
    Request.Builder request =
        new Request.Builder()
            .url(notification.url())
            // Bytes, not a String, so OkHttp sends the body exactly as signed, with no charset
            // parameter appended to the Content-Type.
            .post(
                RequestBody.create(
                    notification.body().getBytes(StandardCharsets.UTF_8),
                    MediaType.get("application/json")));
    for (Map.Entry<String, String> header : notification.headers().entrySet()) {
      if (!header.getKey().equalsIgnoreCase("Content-Type")) {
        request.header(header.getKey(), header.getValue());
      }
    }
    request.header("User-Agent", "Mozilla/4.0");
    try (Response response = deliveryClient.newCall(request.build()).execute()) {
      ResponseBody body = response.body();
      return new DeliveryResult(notification, response.code(), body == null ? "" : body.string());
    } catch (IOException e) {
      throw new NotificationDeliveryException(
          "could not deliver the notification to " + notification.url() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<DeliveryResult> deliver(NotificationRequest notification, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    List<DeliveryResult> results = new ArrayList<>(times);
    for (int i = 0; i < times; i++) {
      results.add(deliver(notification));
    }
    return results;
  }

  @Override
  public DeliveryResult payAndNotify(String outTradeNo) {
    pay(outTradeNo);
    return deliver(transactionNotification(outTradeNo).build());
  }

  @Override
  public void failNext(Endpoint endpoint, Fault fault) {
    api.failNext(Objects.requireNonNull(endpoint), Objects.requireNonNull(fault));
  }

  @Override
  public List<RecordedCall> calls() {
    return api.journal();
  }

  @Override
  public List<RecordedCall> calls(Endpoint endpoint) {
    return api.journal().stream().filter(c -> c.endpoint() == endpoint).toList();
  }

  @Override
  public void overrideNotifyUrl(String url) {
    this.notifyUrlOverride = Objects.requireNonNull(url, "url");
  }

  @Override
  public void reset() {
    api.reset();
  }

  private OrderState existingOrder(String outTradeNo) {
    OrderState order = api.orderLocked(outTradeNo);
    if (order == null) {
      throw new IllegalArgumentException(
          "no order " + outTradeNo + " at the WeChat Pay simulator: prepay it first");
    }
    return order;
  }

  private static void requireState(OrderState order, String action, TradeState... allowed) {
    for (TradeState state : allowed) {
      if (order.state == state) {
        return;
      }
    }
    throw new IllegalStateException(
        "cannot "
            + action
            + " order "
            + order.outTradeNo
            + ": it is "
            + order.state
            + ", expected one of "
            + List.of(allowed));
  }

  private void assignTransaction(OrderState order) {
    if (order.transactionId == null) {
      order.transactionId = "4200" + api.digits(24);
    }
    if (order.payerOpenId == null) {
      // Native, App and H5 orders learn their payer only when someone pays.
      order.payerOpenId = "oUpF8u" + api.digits(22);
    }
  }

  @Override
  public String toString() {
    // Never the keys: this may end up in a test report.
    return "WechatPaySimulator[merchantId="
        + merchantId
        + ", signingMode="
        + signingMode
        + ", started="
        + started
        + "]";
  }
}
