package io.payflow.wechat;

import static io.payflow.wechat.SimulatorChannels.asCallback;
import static io.payflow.wechat.SimulatorChannels.channelFor;
import static io.payflow.wechat.SimulatorChannels.prepay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRejectedException;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.SigningMode;
import io.payflow.wechat.testkit.Tamper;
import io.payflow.wechat.testkit.WechatPaySimulator;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Certificate mode (平台证书) against the simulator in {@link SigningMode#CERTIFICATE}: the platform
 * certificate is downloaded from {@code /v3/certificates} through the SDK, answers and callbacks
 * verify with it. The merchant id is this class's own: the SDK keeps one certificate provider per
 * merchant id per JVM.
 */
class CertificateModeSimulatorTest {

  private static final String MERCHANT_ID = "1900000931";

  // No reset between tests: they count the certificate downloads made since the class started.
  @RegisterExtension
  static final WechatPaySimulatorExtension sim =
      WechatPaySimulatorExtension.create(
              WechatPaySimulator.builder()
                  .merchantId(MERCHANT_ID)
                  .signingMode(SigningMode.CERTIFICATE))
          .keepStateBetweenTests();

  private static WechatPayChannel channel;

  @BeforeAll
  static void wireTheChannelSigningWithACertificate() {
    channel = channelFor(sim);
  }

  @Test
  void channelDownloadsThePlatformCertificateOnceAndVerifiesAnswersWithIt() {
    channel.prepay(prepay("PAY-CERT-0001", TradeType.NATIVE, 999));
    sim.pay("PAY-CERT-0001");

    assertThat(channel.query("PAY-CERT-0001").outcome()).isEqualTo(PaymentOutcome.SUCCEEDED);
    assertThat(sim.calls(Endpoint.CERTIFICATES)).hasSize(1);
  }

  @Test
  void callbackSignedWithThePlatformCertificateParses() {
    channel.prepay(prepay("PAY-CERT-0002", TradeType.JSAPI, 999));
    sim.pay("PAY-CERT-0002");

    CallbackEvent event =
        channel.parseCallback(asCallback(sim.transactionNotification("PAY-CERT-0002").build()));

    assertThat(((CallbackEvent.PaymentNotified) event).result().outcome())
        .isEqualTo(PaymentOutcome.SUCCEEDED);
  }

  @Test
  void callbackNamingAnotherCertificateIsRejected() {
    channel.prepay(prepay("PAY-CERT-0003", TradeType.JSAPI, 999));
    sim.pay("PAY-CERT-0003");
    var spoiled =
        sim.transactionNotification("PAY-CERT-0003").tamper(Tamper.UNKNOWN_SERIAL).build();

    assertThatThrownBy(() -> channel.parseCallback(asCallback(spoiled)))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
        .hasMessageContaining("not among the downloaded platform certificates");
  }

  @Test
  void secondChannelOfTheSameMerchantSharesTheDownloadedCertificate() {
    int downloads = sim.calls(Endpoint.CERTIFICATES).size();

    WechatPayChannel second = channelFor(sim);
    second.prepay(prepay("PAY-CERT-0004", TradeType.NATIVE, 999));

    assertThat(sim.calls(Endpoint.CERTIFICATES)).hasSize(downloads);
  }
}
