package io.payflow.wechat.testkit;

import io.payflow.wechat.testkit.internal.DefaultWechatPaySimulatorExtension;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;

/**
 * A JUnit 5 extension that runs a {@link WechatPaySimulator} for a test class, and is that
 * simulator: register it in a static field, and the test talks to it directly.
 *
 * <ul>
 *   <li>The simulator starts once per test class, before the class's {@code @BeforeAll} methods (or
 *       earlier, at the first call of any of its methods, e.g. from a
 *       {@code @DynamicPropertySource} supplier), and stops after the class's {@code @AfterAll}
 *       methods.
 *   <li>Before each test it is {@link #reset()}: orders, refunds, pending faults and the journal
 *       are forgotten; the keys, the port and the {@linkplain #overrideNotifyUrl(String) notify URL
 *       override} stay. {@link #keepStateBetweenTests()} turns that off.
 *   <li>A {@code @Nested} class shares its enclosing class's simulator. In a non-static field it
 *       runs one simulator per test.
 * </ul>
 *
 * <pre>{@code
 * class CheckoutTest {
 *   @RegisterExtension
 *   static final WechatPaySimulatorExtension wechat = WechatPaySimulatorExtension.create();
 *
 *   @Test
 *   void paidOrderIsPaid() {
 *     // point the client under test at wechat.baseUrl() with wechat's keys, prepay, then:
 *     wechat.payAndNotify("PAY-0001");
 *   }
 * }
 * }</pre>
 *
 * <p>In a Spring Boot test the simulator is running before the application context starts, so
 * {@code @DynamicPropertySource} can point the app at it; the app's callback URL is known only once
 * it listens on its random port, and {@link #overrideNotifyUrl(String)} tells the simulator (the
 * prepay keeps carrying the https {@code notify-url} WeChat requires):
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * class CheckoutTest {
 *   @RegisterExtension
 *   static final WechatPaySimulatorExtension wechat = WechatPaySimulatorExtension.create();
 *
 *   @DynamicPropertySource
 *   static void wechatPay(DynamicPropertyRegistry registry) {
 *     registry.add("payflow.wechat.base-url", wechat::baseUrl);
 *     registry.add("payflow.wechat.mch-id", wechat::merchantId);
 *     // app-id, merchant-serial-number, private-key, api-v3-key, public-key-id, public-key,
 *     // notify-url: see the README
 *   }
 *
 *   @LocalServerPort int port;
 *
 *   @BeforeEach
 *   void callbacksGoToThisApp() {
 *     wechat.overrideNotifyUrl("http://127.0.0.1:" + port + "/payflow/wechat/notify");
 *   }
 * }
 * }</pre>
 *
 * <p>Each test class gets a simulator with keys and a port of its own. A Spring application context
 * that is cached across test classes (same configuration, same {@code @DynamicPropertySource}
 * methods, e.g. inherited from a shared base class) would outlive the first class's simulator:
 * register the extension in each test class, or mark such classes {@code @DirtiesContext}.
 *
 * <p>This class is threadsafe.
 */
public interface WechatPaySimulatorExtension
    extends WechatPaySimulator,
        BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback {

  /**
   * Creates an extension whose simulator has the {@linkplain WechatPaySimulator#builder() builder's
   * defaults}.
   *
   * @return the extension; its simulator starts when the test class starts
   */
  static WechatPaySimulatorExtension create() {
    return create(WechatPaySimulator.builder());
  }

  /**
   * Creates an extension whose simulator is built by {@code builder}, e.g. {@code
   * WechatPaySimulator.builder().merchantId("1900000109").signingMode(SigningMode.CERTIFICATE)}.
   * The builder is used again for each test class that starts a simulator; do not change it after.
   *
   * @param builder the simulator's settings
   * @return the extension; its simulator starts when the test class starts
   */
  static WechatPaySimulatorExtension create(WechatPaySimulator.Builder builder) {
    return new DefaultWechatPaySimulatorExtension(Objects.requireNonNull(builder, "builder"), true);
  }

  /**
   * Returns an extension like this one that does not reset the simulator before each test, for a
   * class whose tests look at what happened before them (e.g. a certificate download made once in
   * {@code @BeforeAll}).
   *
   * @return a new extension; register it instead of this one
   */
  WechatPaySimulatorExtension keepStateBetweenTests();

  /**
   * Starts the simulator if it is not running yet; the extension starts it anyway.
   *
   * @return this extension
   */
  @Override
  WechatPaySimulatorExtension start();

  /**
   * Stops the current simulator early; the next call of any method (or the next test class) starts
   * a new one, with new keys and a new port.
   */
  @Override
  void close();
}
