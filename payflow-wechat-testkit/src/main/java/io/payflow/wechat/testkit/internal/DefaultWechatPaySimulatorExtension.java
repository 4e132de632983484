package io.payflow.wechat.testkit.internal;

import io.payflow.wechat.testkit.DeliveryResult;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.Fault;
import io.payflow.wechat.testkit.NotificationBuilder;
import io.payflow.wechat.testkit.NotificationRequest;
import io.payflow.wechat.testkit.RecordedCall;
import io.payflow.wechat.testkit.RefundStatus;
import io.payflow.wechat.testkit.SigningMode;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.SimulatedRefund;
import io.payflow.wechat.testkit.WechatPaySimulator;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The simulator extension: owns one running simulator at a time, started by the first test context
 * that needs it (or the first call) and stopped by that same context, and delegates every simulator
 * method to it.
 *
 * <p>This class is threadsafe.
 */
public final class DefaultWechatPaySimulatorExtension implements WechatPaySimulatorExtension {

  private final WechatPaySimulator.Builder builder;
  private final boolean resetBeforeEachTest;
  private final Object lock = new Object();
  private volatile @Nullable WechatPaySimulator current;
  private @Nullable String owner;

  /**
   * Use {@link WechatPaySimulatorExtension#create(WechatPaySimulator.Builder)}.
   *
   * @param builder builds each simulator
   * @param resetBeforeEachTest whether each test starts from a reset simulator
   */
  public DefaultWechatPaySimulatorExtension(
      WechatPaySimulator.Builder builder, boolean resetBeforeEachTest) {
    this.builder = builder;
    this.resetBeforeEachTest = resetBeforeEachTest;
  }

  @Override
  public WechatPaySimulatorExtension keepStateBetweenTests() {
    return new DefaultWechatPaySimulatorExtension(builder, false);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    claim(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // A non-static field gets no beforeAll: then each test has a simulator of its own.
    boolean fresh = claim(context);
    if (resetBeforeEachTest && !fresh) {
      simulator().reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    release(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    release(context);
  }

  /** Makes {@code context} the owner if there is none; true if the simulator is new for it. */
  private boolean claim(ExtensionContext context) {
    synchronized (lock) {
      if (owner != null) {
        return false;
      }
      owner = context.getUniqueId();
      boolean fresh = current == null;
      simulator();
      return fresh;
    }
  }

  private void release(ExtensionContext context) {
    synchronized (lock) {
      if (context.getUniqueId().equals(owner)) {
        owner = null;
        stop();
      }
    }
  }

  private void stop() {
    WechatPaySimulator running = current;
    current = null;
    if (running != null) {
      running.close();
    }
  }

  private WechatPaySimulator simulator() {
    synchronized (lock) {
      WechatPaySimulator running = current;
      if (running == null) {
        running = builder.build().start();
        current = running;
      }
      return running;
    }
  }

  @Override
  public WechatPaySimulatorExtension start() {
    simulator();
    return this;
  }

  @Override
  public void close() {
    synchronized (lock) {
      stop();
    }
  }

  @Override
  public String baseUrl() {
    return simulator().baseUrl();
  }

  @Override
  public Interceptor redirectInterceptor() {
    return simulator().redirectInterceptor();
  }

  @Override
  public OkHttpClient okHttpClient() {
    return simulator().okHttpClient();
  }

  @Override
  public String merchantId() {
    return simulator().merchantId();
  }

  @Override
  public String appId() {
    return simulator().appId();
  }

  @Override
  public SigningMode signingMode() {
    return simulator().signingMode();
  }

  @Override
  public PrivateKey merchantPrivateKey() {
    return simulator().merchantPrivateKey();
  }

  @Override
  public String merchantPrivateKeyPem() {
    return simulator().merchantPrivateKeyPem();
  }

  @Override
  public PublicKey merchantPublicKey() {
    return simulator().merchantPublicKey();
  }

  @Override
  public String merchantSerialNumber() {
    return simulator().merchantSerialNumber();
  }

  @Override
  public PublicKey platformPublicKey() {
    return simulator().platformPublicKey();
  }

  @Override
  public String platformPublicKeyPem() {
    return simulator().platformPublicKeyPem();
  }

  @Override
  public String platformPublicKeyId() {
    return simulator().platformPublicKeyId();
  }

  @Override
  public X509Certificate platformCertificate() {
    return simulator().platformCertificate();
  }

  @Override
  public String platformCertificatePem() {
    return simulator().platformCertificatePem();
  }

  @Override
  public String platformCertificateSerialNumber() {
    return simulator().platformCertificateSerialNumber();
  }

  @Override
  public String apiV3Key() {
    return simulator().apiV3Key();
  }

  @Override
  public Optional<SimulatedOrder> order(String outTradeNo) {
    return simulator().order(outTradeNo);
  }

  @Override
  public Optional<SimulatedRefund> refund(String outRefundNo) {
    return simulator().refund(outRefundNo);
  }

  @Override
  public SimulatedOrder pay(String outTradeNo) {
    return simulator().pay(outTradeNo);
  }

  @Override
  public SimulatedOrder payError(String outTradeNo) {
    return simulator().payError(outTradeNo);
  }

  @Override
  public SimulatedOrder userPaying(String outTradeNo) {
    return simulator().userPaying(outTradeNo);
  }

  @Override
  public SimulatedOrder closeOnWechatSide(String outTradeNo) {
    return simulator().closeOnWechatSide(outTradeNo);
  }

  @Override
  public SimulatedRefund completeRefund(String outRefundNo) {
    return simulator().completeRefund(outRefundNo);
  }

  @Override
  public SimulatedRefund failRefund(String outRefundNo, RefundStatus outcome) {
    return simulator().failRefund(outRefundNo, outcome);
  }

  @Override
  public NotificationBuilder transactionNotification(String outTradeNo) {
    return simulator().transactionNotification(outTradeNo);
  }

  @Override
  public NotificationBuilder refundNotification(String outRefundNo) {
    return simulator().refundNotification(outRefundNo);
  }

  @Override
  public DeliveryResult deliver(NotificationRequest notification) {
    return simulator().deliver(notification);
  }

  @Override
  public List<DeliveryResult> deliver(NotificationRequest notification, int times) {
    return simulator().deliver(notification, times);
  }

  @Override
  public DeliveryResult payAndNotify(String outTradeNo) {
    return simulator().payAndNotify(outTradeNo);
  }

  @Override
  public void failNext(Endpoint endpoint, Fault fault) {
    simulator().failNext(endpoint, fault);
  }

  @Override
  public List<RecordedCall> calls() {
    return simulator().calls();
  }

  @Override
  public List<RecordedCall> calls(Endpoint endpoint) {
    return simulator().calls(endpoint);
  }

  @Override
  public void overrideNotifyUrl(String url) {
    simulator().overrideNotifyUrl(url);
  }

  @Override
  public void reset() {
    simulator().reset();
  }

  @Override
  public String toString() {
    WechatPaySimulator running = current;
    return "WechatPaySimulatorExtension[" + (running == null ? "not started" : running) + "]";
  }
}
