package io.payflow.wechat;

import static io.payflow.wechat.SimulatorChannels.OPENID;
import static io.payflow.wechat.SimulatorChannels.channelFor;
import static io.payflow.wechat.SimulatorChannels.prepay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.Prepaid;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.SimulatedOrder;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.WechatPaySimulator;
import io.payflow.wechat.testkit.WechatPaySimulatorExtension;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prepay of every trade type and resume, through the official SDK against {@link
 * WechatPaySimulator}, which checks the request's signature and parameters as WeChat Pay does.
 */
class WechatPayChannelPrepaySimulatorTest {

  @RegisterExtension
  static final WechatPaySimulatorExtension sim = WechatPaySimulatorExtension.create();

  private static WechatPayChannel channel;

  @BeforeAll
  static void wireTheChannel() {
    channel = channelFor(sim);
  }

  @Test
  void jsapiPrepayReturnsPayParamsWhosePaySignVerifiesWithTheMerchantPublicKey() {
    Prepaid prepaid = channel.prepay(prepay("PAY-JSAPI-0001", TradeType.JSAPI, 999));

    SimulatedOrder order = sim.order("PAY-JSAPI-0001").orElseThrow();
    assertThat(order.tradeType()).isEqualTo(io.payflow.wechat.testkit.TradeType.JSAPI);
    assertThat(order.total()).isEqualTo(999);
    assertThat(order.state()).isEqualTo(TradeState.NOTPAY);
    assertThat(order.payerOpenId()).isEqualTo(OPENID);
    assertThat(order.notifyUrl()).isEqualTo(SimulatorChannels.NOTIFY_URL);
    Map<String, String> pay = prepaid.payParams();
    assertThat(pay)
        .containsEntry("appId", sim.appId())
        .containsEntry("package", "prepay_id=" + order.prepayId())
        .containsEntry("signType", "RSA");
    assertThat(jsapiSignatureValid(pay)).isTrue();
    assertThat(prepaid.prepayData())
        .containsEntry("prepay_id", order.prepayId())
        .containsEntry("appid", sim.appId());
  }

  @Test
  void jsapiPrepaySendsTimeExpireInChinaTimeWhateverTheJvmZone() {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    try {
      PrepayRequest request =
          new PrepayRequest(
              "PAY-JSAPI-0002",
              "ORDER-1",
              TradeType.JSAPI,
              999,
              "Coffee x1",
              Instant.parse("2099-11-24T10:30:00Z"),
              OPENID,
              null);

      channel.prepay(request);

      JsonObject sent =
          JsonParser.parseString(sim.calls(Endpoint.JSAPI_PREPAY).get(0).requestBody())
              .getAsJsonObject();
      assertThat(sent.get("time_expire").getAsString()).isEqualTo("2099-11-24T18:30:00+08:00");
      assertThat(sent.get("attach").getAsString()).isEqualTo("ORDER-1");
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void jsapiPrepayWithoutOpenidIsRejectedWithoutCallingWechat() {
    PrepayRequest noOpenid =
        new PrepayRequest(
            "PAY-JSAPI-0003",
            "ORDER-1",
            TradeType.JSAPI,
            999,
            "Coffee x1",
            Instant.now().plusSeconds(1800),
            null,
            null);

    assertKind(() -> channel.prepay(noOpenid), ChannelErrorKind.REJECTED);
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void nativePrepayReturnsTheCodeUrlOfTheOrder() {
    Prepaid prepaid = channel.prepay(prepay("PAY-NATIVE-0001", TradeType.NATIVE, 1500));

    assertThat(prepaid.payParams().get("code_url")).startsWith("weixin://wxpay/bizpayurl?pr=");
    assertThat(prepaid.prepayData()).containsEntry("code_url", prepaid.payParams().get("code_url"));
    assertThat(sim.order("PAY-NATIVE-0001").orElseThrow().tradeType())
        .isEqualTo(io.payflow.wechat.testkit.TradeType.NATIVE);
  }

  @Test
  void appPrepayReturnsAppParamsWhoseSignVerifiesWithTheMerchantPublicKey() {
    Prepaid prepaid = channel.prepay(prepay("PAY-APP-0001", TradeType.APP, 2000));

    SimulatedOrder order = sim.order("PAY-APP-0001").orElseThrow();
    Map<String, String> pay = prepaid.payParams();
    assertThat(pay)
        .containsEntry("appid", sim.appId())
        .containsEntry("partnerid", sim.merchantId())
        .containsEntry("prepayid", order.prepayId())
        .containsEntry("package", "Sign=WXPay");
    assertThat(appSignatureValid(pay)).isTrue();
  }

  @Test
  void appPrepayUsesTheMobileAppsOwnAppIdWhenOneIsSet() {
    try (WechatPaySimulator mobileApp =
        WechatPaySimulator.builder()
            .merchantId("1900000003")
            .appId("wx5555555555555555")
            .build()
            .start()) {
      WechatPayChannel appChannel =
          WechatPayChannel.create(
              SimulatorChannels.configFor(mobileApp)
                  .appId("wx6666666666666666")
                  .appAppId(mobileApp.appId())
                  .build());

      Prepaid prepaid = appChannel.prepay(prepay("PAY-APP-0003", TradeType.APP, 2000));

      assertThat(mobileApp.order("PAY-APP-0003").orElseThrow().appId())
          .isEqualTo("wx5555555555555555");
      assertThat(prepaid.payParams()).containsEntry("appid", "wx5555555555555555");
    }
  }

  @Test
  void h5PrepaySendsTheClientIpAndReturnsTheH5Url() {
    Prepaid prepaid = channel.prepay(prepay("PAY-H5-0001", TradeType.H5, 300));

    assertThat(prepaid.payParams().get("h5_url"))
        .startsWith("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?");
    JsonObject sent =
        JsonParser.parseString(sim.calls(Endpoint.H5_PREPAY).get(0).requestBody())
            .getAsJsonObject();
    assertThat(sent.getAsJsonObject("scene_info").get("payer_client_ip").getAsString())
        .isEqualTo("203.0.113.7");
    assertThat(sim.order("PAY-H5-0001").orElseThrow().tradeType())
        .isEqualTo(io.payflow.wechat.testkit.TradeType.MWEB);
  }

  @Test
  void h5PrepayWithoutClientIpIsRejectedWithoutCallingWechat() {
    PrepayRequest noIp =
        new PrepayRequest(
            "PAY-H5-0002",
            "ORDER-1",
            TradeType.H5,
            300,
            "Coffee x1",
            Instant.now().plusSeconds(1800),
            null,
            null);

    assertKind(() -> channel.prepay(noIp), ChannelErrorKind.REJECTED);
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void repeatedPrepayWithTheSameContentGetsTheSamePrepayId() {
    PrepayRequest request = prepay("PAY-JSAPI-0004", TradeType.JSAPI, 999);
    Prepaid first = channel.prepay(request);

    Prepaid again = channel.prepay(request);

    assertThat(again.prepayData().get("prepay_id")).isEqualTo(first.prepayData().get("prepay_id"));
  }

  @Test
  void prepayReusingAPaymentNumberWithOtherContentIsDuplicateNumber() {
    channel.prepay(prepay("PAY-NATIVE-0002", TradeType.NATIVE, 1500));

    assertThatThrownBy(() -> channel.prepay(prepay("PAY-NATIVE-0002", TradeType.NATIVE, 1600)))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ChannelErrorKind.DUPLICATE_NUMBER);
              assertThat(e.channelCode()).isEqualTo("OUT_TRADE_NO_USED");
            })
        .hasMessageContaining("商户订单号重复");
    assertThat(sim.order("PAY-NATIVE-0002").orElseThrow().total()).isEqualTo(1500);
  }

  @Test
  void prepayWithParametersWechatRefusesIsRejected() {
    PrepayRequest tooLongDescription =
        new PrepayRequest(
            "PAY-NATIVE-0003",
            "ORDER-1",
            TradeType.NATIVE,
            1500,
            "x".repeat(128),
            Instant.now().plusSeconds(1800),
            null,
            null);

    assertThatThrownBy(() -> channel.prepay(tooLongDescription))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ChannelErrorKind.REJECTED);
              assertThat(e.channelCode()).isEqualTo("PARAM_ERROR");
            });
    assertThat(sim.order("PAY-NATIVE-0003")).isEmpty();
  }

  @Test
  void resumeOfAJsapiPaymentResignsTheStoredPrepayIdWithoutCallingWechat() {
    Prepaid prepaid = channel.prepay(prepay("PAY-JSAPI-0005", TradeType.JSAPI, 999));
    int callsBefore = sim.calls().size();

    Prepaid resumed = channel.resume(payment("PAY-JSAPI-0005", TradeType.JSAPI, prepaid));

    assertThat(sim.calls()).hasSize(callsBefore);
    assertThat(sim.calls(Endpoint.JSAPI_PREPAY)).hasSize(1);
    assertThat(resumed.payParams())
        .containsEntry("package", prepaid.payParams().get("package"))
        .containsEntry("appId", sim.appId());
    assertThat(resumed.payParams().get("nonceStr"))
        .isNotEqualTo(prepaid.payParams().get("nonceStr"));
    assertThat(jsapiSignatureValid(resumed.payParams())).isTrue();
  }

  @Test
  void resumeOfAnAppPaymentResignsForTheAppSdkWithoutCallingWechat() {
    Prepaid prepaid = channel.prepay(prepay("PAY-APP-0002", TradeType.APP, 2000));

    Prepaid resumed = channel.resume(payment("PAY-APP-0002", TradeType.APP, prepaid));

    assertThat(sim.calls()).hasSize(1);
    assertThat(resumed.payParams()).containsEntry("prepayid", prepaid.payParams().get("prepayid"));
    assertThat(appSignatureValid(resumed.payParams())).isTrue();
  }

  @Test
  void resumeOfANativePaymentReturnsTheStoredCodeUrlWithoutCallingWechat() {
    Prepaid prepaid = channel.prepay(prepay("PAY-NATIVE-0004", TradeType.NATIVE, 1500));

    Prepaid resumed = channel.resume(payment("PAY-NATIVE-0004", TradeType.NATIVE, prepaid));

    assertThat(sim.calls()).hasSize(1);
    assertThat(resumed.payParams()).isEqualTo(prepaid.payParams());
  }

  private static Payment payment(String paymentNo, TradeType type, Prepaid prepaid) {
    Instant now = Instant.now();
    return new Payment(
        paymentNo,
        "ORDER-" + paymentNo,
        WechatPayChannel.ID,
        type,
        999,
        PaymentStatus.PREPAID,
        null,
        null,
        prepaid.prepayData(),
        null,
        null,
        null,
        now,
        now,
        null);
  }

  private static boolean jsapiSignatureValid(Map<String, String> pay) {
    String message =
        pay.get("appId")
            + "\n"
            + pay.get("timeStamp")
            + "\n"
            + pay.get("nonceStr")
            + "\n"
            + pay.get("package")
            + "\n";
    return TestKeys.verify(sim.merchantPublicKey(), message, pay.get("paySign"));
  }

  private static boolean appSignatureValid(Map<String, String> pay) {
    String message =
        pay.get("appid")
            + "\n"
            + pay.get("timestamp")
            + "\n"
            + pay.get("noncestr")
            + "\n"
            + pay.get("prepayid")
            + "\n";
    return TestKeys.verify(sim.merchantPublicKey(), message, pay.get("sign"));
  }

  static void assertKind(ThrowingCallable call, ChannelErrorKind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
