package io.payflow.wechat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension's lifecycle, seen from small test classes run with the JUnit engine: one simulator
 * per class, reset before each test, stopped after the class; shared with nested classes; one per
 * test in an instance field.
 */
class WechatPaySimulatorExtensionTest {

  /**
   * What the small classes saw: "baseUrl merchant-serial calls-at-start", in the order the tests
   * ran. The serial tells simulators apart (each generates its keys), whatever port it got.
   */
  static final List<String> seen = new CopyOnWriteArrayList<>();

  private static void look(WechatPaySimulator sim) {
    seen.add(sim.baseUrl() + " " + sim.merchantSerialNumber() + " " + sim.calls().size());
    // Leave something in the journal for the next test to find (or not).
    try (Response ignored =
        new OkHttpClient()
            .newCall(new Request.Builder().url(sim.baseUrl() + "/v3/x").build())
            .execute()) {
      // only the journal entry matters
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(Class<?> testClass, int tests) {
    seen.clear();
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(tests).succeeded(tests));
  }

  private static String url(String look) {
    return look.split(" ")[0];
  }

  private static String simulator(String look) {
    return look.split(" ")[1];
  }

  private static boolean listening(String baseUrl) {
    URI uri = URI.create(baseUrl);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
      return true;
    } catch (ConnectException refused) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class StaticField {
    @RegisterExtension
    static final WechatPaySimulatorExtension sim = WechatPaySimulatorExtension.create();

    @Test
    @Order(1)
    void first() {
      look(sim);
    }

    @Test
    @Order(2)
    void second() {
      look(sim);
    }
  }

  @Test
  void aStaticFieldRunsOneSimulatorForTheClassResetBeforeEachTestAndStoppedAfter() {
    run(StaticField.class, 2);

    assertThat(seen).hasSize(2);
    assertThat(simulator(seen.get(0))).isEqualTo(simulator(seen.get(1)));
    assertThat(url(seen.get(0))).isEqualTo(url(seen.get(1)));
    assertThat(seen).allMatch(s -> s.endsWith(" 0"));
    assertThat(listening(url(seen.get(0)))).isFalse();
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KeepingState {
    @RegisterExtension
    static final WechatPaySimulatorExtension sim =
        WechatPaySimulatorExtension.create().keepStateBetweenTests();

    @Test
    @Order(1)
    void first() {
      look(sim);
    }

    @Test
    @Order(2)
    void second() {
      look(sim);
    }
  }

  @Test
  void keepStateBetweenTestsLetsATestSeeWhatTheTestBeforeItDid() {
    run(KeepingState.class, 2);

    assertThat(seen).extracting(s -> s.split(" ")[2]).containsExactly("0", "1");
  }

  static class WithNested {
    @RegisterExtension
    static final WechatPaySimulatorExtension sim = WechatPaySimulatorExtension.create();

    @Test
    void outer() {
      look(sim);
    }

    @Nested
    class Inner {
      @Test
      void inner() {
        look(sim);
      }
    }
  }

  @Test
  void aNestedClassSharesTheEnclosingClassesSimulatorAndStillResets() {
    run(WithNested.class, 2);

    assertThat(seen).hasSize(2);
    assertThat(simulator(seen.get(0))).isEqualTo(simulator(seen.get(1)));
    assertThat(url(seen.get(0))).isEqualTo(url(seen.get(1)));
    assertThat(seen).allMatch(s -> s.endsWith(" 0"));
    assertThat(listening(url(seen.get(0)))).isFalse();
  }

  static class InstanceField {
    @RegisterExtension final WechatPaySimulatorExtension sim = WechatPaySimulatorExtension.create();

    @Test
    void first() {
      look(sim);
    }

    @Test
    void second() {
      look(sim);
    }
  }

  @Test
  void anInstanceFieldRunsOneSimulatorPerTest() {
    run(InstanceField.class, 2);

    assertThat(seen).hasSize(2);
    assertThat(simulator(seen.get(0))).isNotEqualTo(simulator(seen.get(1)));
    assertThat(seen).allMatch(s -> s.endsWith(" 0"));
    assertThat(seen).noneMatch(s -> listening(url(s)));
  }

  /** Reads the simulator before the extension's own callbacks, as SpringExtension's do. */
  static final class ReadsEarly implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      ReadBeforeTheClassStarts.early =
          ReadBeforeTheClassStarts.sim.baseUrl()
              + " "
              + ReadBeforeTheClassStarts.sim.merchantSerialNumber();
    }
  }

  // A class-level extension runs its beforeAll before those of @RegisterExtension fields: as a
  // @DynamicPropertySource supplier called while SpringExtension loads the context may.
  @ExtendWith(ReadsEarly.class)
  static class ReadBeforeTheClassStarts {
    @RegisterExtension
    static final WechatPaySimulatorExtension sim = WechatPaySimulatorExtension.create();

    static volatile String early = "";

    @Test
    void test() {
      seen.add(early + " -");
      look(sim);
    }
  }

  @Test
  void aSimulatorReadBeforeTheClassStartsIsTheOneItsTestsUseAndIsStoppedAfter() {
    run(ReadBeforeTheClassStarts.class, 1);

    assertThat(seen).hasSize(2);
    assertThat(simulator(seen.get(0))).isEqualTo(simulator(seen.get(1)));
    assertThat(url(seen.get(0))).isEqualTo(url(seen.get(1)));
    assertThat(listening(url(seen.get(0)))).isFalse();
  }

  @Test
  void aClassRunTwiceGetsANewSimulatorEachTime() {
    run(StaticField.class, 2);
    String firstRun = simulator(seen.get(0));
    run(StaticField.class, 2);

    assertThat(simulator(seen.get(0))).isNotEqualTo(firstRun);
    assertThat(listening(url(seen.get(0)))).isFalse();
  }
}
