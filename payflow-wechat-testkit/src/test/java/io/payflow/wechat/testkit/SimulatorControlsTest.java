package io.payflow.wechat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.util.PemUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator's own controls: state changes, journal, raw HTTP checks, thread safety. */
class SimulatorControlsTest {

  @RegisterExtension
  static final WechatPaySimulatorExtension sim =
      WechatPaySimulatorExtension.create(WechatPaySimulator.builder().merchantId("1900000004"));

  static Sdk sdk;

  @BeforeAll
  static void wireTheSdk() {
    sdk = new Sdk(sim);
  }

  private static String prepaid() {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 100));
    return outTradeNo;
  }

  @Test
  void theKeysAreUsableAsPemAndTheApiV3KeyHas32Characters() {
    assertThat(PemUtil.loadPrivateKeyFromString(sim.merchantPrivateKeyPem()))
        .isEqualTo(sim.merchantPrivateKey());
    assertThat(PemUtil.loadPublicKeyFromString(sim.platformPublicKeyPem()))
        .isEqualTo(sim.platformPublicKey());
    assertThat(PemUtil.loadX509FromString(sim.platformCertificatePem()))
        .isEqualTo(sim.platformCertificate());
    assertThat(sim.apiV3Key()).hasSize(32);
    assertThat(sim.merchantSerialNumber()).matches("[0-9A-F]{40}");
    assertThat(sim.platformPublicKeyId()).startsWith("PUB_KEY_ID_01" + sim.merchantId());
    assertThat(sim.toString()).doesNotContain(sim.apiV3Key());
  }

  @Test
  void notificationsGoToThePrepaysNotifyUrlUnlessTheBuilderOverridesIt() {
    String outTradeNo = prepaid();
    try (WechatPaySimulator overriding =
        WechatPaySimulator.builder()
            .notifyUrlOverride("http://127.0.0.1:1/from-the-builder")
            .build()
            .start()) {
      String other = Orders.newOutTradeNo();
      new Sdk(overriding).nativePay.prepay(Orders.nativePrepay(overriding, other, 100));

      assertThat(sim.transactionNotification(outTradeNo).build().url())
          .isEqualTo(Orders.NOTIFY_URL);
      assertThat(overriding.transactionNotification(other).build().url())
          .isEqualTo("http://127.0.0.1:1/from-the-builder");
    }
  }

  @Test
  void aNotifyUrlOverrideSetWhileRunningReplacesTheBuildersAndSurvivesReset() {
    try (WechatPaySimulator overriding =
        WechatPaySimulator.builder()
            .notifyUrlOverride("http://127.0.0.1:1/from-the-builder")
            .build()
            .start()) {
      overriding.overrideNotifyUrl("http://127.0.0.1:2/set-later");
      overriding.reset();
      String outTradeNo = Orders.newOutTradeNo();
      Sdk sdk = new Sdk(overriding);
      sdk.nativePay.prepay(Orders.nativePrepay(overriding, outTradeNo, 100));
      overriding.pay(outTradeNo);
      sdk.refunds.create(Orders.fullRefund(outTradeNo, "R-" + outTradeNo, 100));

      assertThat(overriding.transactionNotification(outTradeNo).build().url())
          .isEqualTo("http://127.0.0.1:2/set-later");
      assertThat(overriding.refundNotification("R-" + outTradeNo).build().url())
          .isEqualTo("http://127.0.0.1:2/set-later");
    }
  }

  @Test
  void stateChangesFollowWechatsRules() {
    String failed = prepaid();
    String closed = prepaid();

    sim.payError(failed);
    sim.closeOnWechatSide(closed);

    assertThat(sim.order(failed))
        .get()
        .extracting(SimulatedOrder::state)
        .isEqualTo(TradeState.PAYERROR);
    assertThatThrownBy(() -> sim.pay(closed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
    assertThatThrownBy(() -> sim.pay("NEVER-PREPAID"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prepay it first");
    assertThat(sim.order("NEVER-PREPAID")).isEmpty();
  }

  @Test
  void aRequestWithoutAuthorizationIsSignError() throws IOException {
    OkHttpClient raw = new OkHttpClient();
    Request request =
        new Request.Builder()
            .url(sim.baseUrl() + "/v3/pay/transactions/out-trade-no/T123456?mchid=1900000004")
            .build();

    try (Response response = raw.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.body().string()).contains("\"code\":\"SIGN_ERROR\"");
      // Even an error answer is signed, as WeChat does.
      assertThat(response.header("Wechatpay-Serial")).isEqualTo(sim.platformPublicKeyId());
      assertThat(response.header("Wechatpay-Signature")).isNotBlank();
    }
    assertThat(sim.calls())
        .singleElement()
        .extracting(RecordedCall::errorCode)
        .isEqualTo("SIGN_ERROR");
  }

  @Test
  void anUnknownPathIsNotFound() throws IOException {
    Request request =
        new Request.Builder()
            .url(sim.baseUrl() + "/v3/pay/transactions/micropay")
            .post(RequestBody.create("{}", MediaType.get("application/json")))
            .build();

    try (Response response = new OkHttpClient().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(404);
    }
    assertThat(sim.calls()).singleElement().extracting(RecordedCall::endpoint).isNull();
  }

  @Test
  void concurrentPrepaysAndPaymentsAreAllKeptAndAnOrderIsPaidOnce() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<String>> prepays = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        prepays.add(SimulatorControlsTest::prepaid);
      }
      List<String> outTradeNos = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(prepays)) {
        outTradeNos.add(f.get());
      }
      String contested = outTradeNos.get(0);
      List<Callable<Boolean>> payers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        payers.add(
            () -> {
              try {
                sim.pay(contested);
                return true;
              } catch (IllegalStateException alreadyPaid) {
                return false;
              }
            });
      }
      long winners = 0;
      for (Future<Boolean> f : pool.invokeAll(payers)) {
        winners += f.get() ? 1 : 0;
      }

      assertThat(sim.calls(Endpoint.NATIVE_PREPAY)).hasSize(40).allMatch(c -> c.status() == 200);
      assertThat(outTradeNos).doesNotHaveDuplicates().allMatch(o -> sim.order(o).isPresent());
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theJournalKeepsTheRawRequestBody() {
    String outTradeNo = prepaid();

    RecordedCall call = sim.calls(Endpoint.NATIVE_PREPAY).get(0);

    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.url()).isEqualTo("/v3/pay/transactions/native");
    assertThat(call.requestBody()).contains(outTradeNo);
    assertThat(call.requestBody().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
  }
}
