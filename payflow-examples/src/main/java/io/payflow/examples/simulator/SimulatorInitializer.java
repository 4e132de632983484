package io.payflow.examples.simulator;

import io.payflow.wechat.testkit.WechatPaySimulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the WeChat Pay simulator in this process when {@code payflow.examples.simulator.enabled}
 * is true (the default) and points {@code payflow.wechat.*} at it, so that the demo pays without a
 * merchant account. It runs before any bean is made because the simulator generates the merchant
 * and WeChat keys that the starter's channel is configured with; they are put first among the
 * property sources so that no file setting can mix real keys with the simulator's.
 *
 * <p>With the simulator off nothing happens here, and the same jar talks to the WeChat Pay that
 * {@code payflow.wechat.*} names.
 */
public final class SimulatorInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** The switch; true unless set to false. */
  public static final String ENABLED = "payflow.examples.simulator.enabled";

  /** The bean name of the running simulator. */
  public static final String BEAN_NAME = "wechatPaySimulator";

  /**
   * WeChat Pay requires an https notify URL and the channel refuses any other, but this demo
   * listens on plain http; the simulator therefore sends each callback to this app's own loopback
   * address (see {@link SimulatorController}) and this URL is only what the prepay carries.
   */
  static final String PREPAY_NOTIFY_URL = "https://localhost/payflow/wechat/notify";

  private static final Logger log = LoggerFactory.getLogger(SimulatorInitializer.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    // A child context (e.g. a separate management port) shares the parent's simulator.
    if (context.getParent() != null || !enabled(env)) {
      return;
    }
    WechatPaySimulator simulator = WechatPaySimulator.builder().build().start();
    env.getPropertySources()
        .addFirst(new MapPropertySource("payflow-examples-simulator", settings(simulator)));
    context.getBeanFactory().registerSingleton(BEAN_NAME, simulator);
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent closed
              && closed.getApplicationContext() == context) {
            simulator.close();
          }
        });
    log.info(
        "WeChat Pay simulator listening on {} (merchant {}); payflow.wechat.* points at it",
        simulator.baseUrl(),
        simulator.merchantId());
  }

  static boolean enabled(ConfigurableEnvironment env) {
    return env.getProperty(ENABLED, Boolean.class, true);
  }

  /**
   * The starter's {@code payflow.wechat.*} settings that make the channel talk to the simulator.
   */
  static Map<String, Object> settings(WechatPaySimulator simulator) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("payflow.wechat.enabled", "true");
    p.put("payflow.wechat.base-url", simulator.baseUrl());
    p.put("payflow.wechat.mch-id", simulator.merchantId());
    p.put("payflow.wechat.app-id", simulator.appId());
    p.put("payflow.wechat.merchant-serial-number", simulator.merchantSerialNumber());
    p.put("payflow.wechat.private-key", simulator.merchantPrivateKeyPem());
    p.put("payflow.wechat.api-v3-key", simulator.apiV3Key());
    p.put("payflow.wechat.verification", "PUBLIC_KEY");
    p.put("payflow.wechat.public-key-id", simulator.platformPublicKeyId());
    p.put("payflow.wechat.public-key", simulator.platformPublicKeyPem());
    p.put("payflow.wechat.notify-url", PREPAY_NOTIFY_URL);
    return p;
  }
}
