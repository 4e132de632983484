package io.payflow.wechat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.core.util.PemUtil;
import com.wechat.pay.java.service.certificate.CertificateService;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Certificate mode (平台证书), driven by the SDK's {@code RSAAutoCertificateConfig}, which downloads
 * the platform certificate from {@code /v3/certificates} when it is built.
 */
class CertificateModeTest {

  // The SDK keeps one auto-certificate provider per merchant id per JVM (wechatpay-java #92):
  // a merchant id of its own keeps this test independent of others. The certificate is downloaded
  // once, in @BeforeAll, and a test looks for that download: no reset between tests.
  @RegisterExtension
  static final WechatPaySimulatorExtension sim =
      WechatPaySimulatorExtension.create(
              WechatPaySimulator.builder()
                  .merchantId("1900000003")
                  .signingMode(SigningMode.CERTIFICATE))
          .keepStateBetweenTests();

  static RSAAutoCertificateConfig config;
  static NativePayService nativePay;

  @BeforeAll
  static void wireTheSdk() {
    config =
        new RSAAutoCertificateConfig.Builder()
            .merchantId(sim.merchantId())
            .privateKey(sim.merchantPrivateKey())
            .merchantSerialNumber(sim.merchantSerialNumber())
            .apiV3Key(sim.apiV3Key())
            .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(sim.okHttpClient()))
            .build();
    nativePay =
        new NativePayService.Builder()
            .httpClient(
                new DefaultHttpClientBuilder()
                    .config(config)
                    .okHttpClient(sim.okHttpClient())
                    .build())
            .build();
  }

  @Test
  void theAutoCertificateConfigDownloadsTheSimulatorsCertificateAndVerifiesAnswers() {
    String outTradeNo = Orders.newOutTradeNo();
    nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 100));
    sim.pay(outTradeNo);
    QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
    query.setMchid(sim.merchantId());
    query.setOutTradeNo(outTradeNo);

    Transaction t = nativePay.queryOrderByOutTradeNo(query);

    assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    assertThat(sim.calls(Endpoint.CERTIFICATES)).isNotEmpty().allMatch(c -> c.status() == 200);
    assertThat(sim.calls(Endpoint.QUERY_ORDER))
        .singleElement()
        .extracting(RecordedCall::status)
        .isEqualTo(200);
  }

  @Test
  void theCertificateEndpointDecryptsWithTheApiV3Key() {
    CertificateService service =
        new CertificateService.Builder()
            .httpClient(
                new DefaultHttpClientBuilder()
                    .config(config)
                    .okHttpClient(sim.okHttpClient())
                    .build())
            .build();

    List<X509Certificate> certificates =
        service.downloadCertificate(sim.apiV3Key().getBytes(StandardCharsets.UTF_8));

    assertThat(certificates).singleElement().isEqualTo(sim.platformCertificate());
    assertThat(PemUtil.getSerialNumber(certificates.get(0)))
        .isEqualTo(sim.platformCertificateSerialNumber());
  }

  @Test
  void notificationsAreSignedWithTheCertificateAndTheSdkVerifiesThem() {
    String outTradeNo = Orders.newOutTradeNo();
    nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 100));
    sim.pay(outTradeNo);

    NotificationRequest n = sim.transactionNotification(outTradeNo).build();
    Transaction t =
        new NotificationParser(config)
            .parse(
                new RequestParam.Builder()
                    .serialNumber(n.serial())
                    .nonce(n.nonce())
                    .signature(n.signature())
                    .timestamp(n.timestamp())
                    .body(n.body())
                    .build(),
                Transaction.class);

    assertThat(n.serial()).isEqualTo(sim.platformCertificateSerialNumber());
    assertThat(t.getOutTradeNo()).isEqualTo(outTradeNo);
  }
}
