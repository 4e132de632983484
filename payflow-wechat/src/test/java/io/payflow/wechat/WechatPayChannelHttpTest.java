package io.payflow.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.Prepaid;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.TradeType;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TimeZone;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests, host rewriting and error mapping against {@link WechatPayStub}. */
class WechatPayChannelHttpTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-11-24T10:30:00Z");
  private static final String PREPAY_ID = "wx201410272009395522657a690389285100";

  private WechatPayStub wechat;
  private WechatPayChannel channel;
  private TimeZone savedZone;

  @BeforeEach
  void start() {
    savedZone = TimeZone.getDefault();
    // The JVM's zone must not leak into time_expire.
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    wechat = new WechatPayStub();
    channel = WechatPayChannel.create(config(wechat.baseUrl()).build());
  }

  @AfterEach
  void stop() {
    wechat.close();
    TimeZone.setDefault(savedZone);
  }

  private static WechatPayConfig.Builder config(String baseUrl) {
    return TestKeys.config().baseUrl(baseUrl).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static PrepayRequest prepay(TradeType type, String payerId, String clientIp) {
    return new PrepayRequest("P1", "O-1", type, 999, "Coffee x1", EXPIRES, payerId, clientIp);
  }

  private static JsonObject json(LoggedRequest request) {
    return JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
  }

  @Test
  void jsapiPrepaySendsTheOrderToTheBaseUrlAndReturnsPayParamsSignedByTheMerchant() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/jsapi"))
            .willReturn(WechatPayStub.signed(200, "{\"prepay_id\":\"" + PREPAY_ID + "\"}")));

    Prepaid prepaid = channel.prepay(prepay(TradeType.JSAPI, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", null));

    LoggedRequest sent = wechat.onlyRequest();
    assertThat(sent.getHeader("Authorization"))
        .startsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"" + TestKeys.MERCHANT_ID + "\"");
    JsonObject body = json(sent);
    assertThat(body.get("appid").getAsString()).isEqualTo(TestKeys.APP_ID);
    assertThat(body.get("mchid").getAsString()).isEqualTo(TestKeys.MERCHANT_ID);
    assertThat(body.get("out_trade_no").getAsString()).isEqualTo("P1");
    assertThat(body.get("attach").getAsString()).isEqualTo("O-1");
    assertThat(body.get("time_expire").getAsString()).isEqualTo("2026-11-24T18:30:00+08:00");
    assertThat(body.get("notify_url").getAsString())
        .isEqualTo("https://shop.example.com/pay/wechat/notify");
    assertThat(body.getAsJsonObject("amount").get("total").getAsLong()).isEqualTo(999);
    assertThat(body.getAsJsonObject("amount").get("currency").getAsString()).isEqualTo("CNY");
    assertThat(body.getAsJsonObject("payer").get("openid").getAsString())
        .isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");

    Map<String, String> pay = prepaid.payParams();
    assertThat(pay)
        .containsEntry("appId", TestKeys.APP_ID)
        .containsEntry("package", "prepay_id=" + PREPAY_ID)
        .containsEntry("signType", "RSA")
        .containsKeys("timeStamp", "nonceStr", "paySign");
    assertThat(jsapiSignatureValid(pay)).isTrue();
    assertThat(prepaid.prepayData()).containsEntry("prepay_id", PREPAY_ID);
  }

  @Test
  void jsapiPrepayWithoutOpenidIsRefusedWithoutCallingWechat() {
    assertKind(
        () -> channel.prepay(prepay(TradeType.JSAPI, null, null)), ChannelErrorKind.REJECTED);
    assertThat(wechat.requests()).isEmpty();
  }

  @Test
  void nativePrepayReturnsTheCodeUrl() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                WechatPayStub.signed(
                    200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}")));

    Prepaid prepaid = channel.prepay(prepay(TradeType.NATIVE, null, null));

    assertThat(prepaid.payParams())
        .containsEntry("code_url", "weixin://wxpay/bizpayurl?pr=p4lpSuKzz");
    assertThat(prepaid.prepayData())
        .containsEntry("code_url", "weixin://wxpay/bizpayurl?pr=p4lpSuKzz");
  }

  @Test
  void appPrepayUsesTheMobileAppIdAndReturnsSignedAppParams() {
    channel = WechatPayChannel.create(config(wechat.baseUrl()).appAppId("wx_mobile_app").build());
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/app"))
            .willReturn(WechatPayStub.signed(200, "{\"prepay_id\":\"" + PREPAY_ID + "\"}")));

    Map<String, String> pay = channel.prepay(prepay(TradeType.APP, null, null)).payParams();

    assertThat(json(wechat.onlyRequest()).get("appid").getAsString()).isEqualTo("wx_mobile_app");
    assertThat(pay)
        .containsEntry("appid", "wx_mobile_app")
        .containsEntry("partnerid", TestKeys.MERCHANT_ID)
        .containsEntry("prepayid", PREPAY_ID)
        .containsEntry("package", "Sign=WXPay");
    assertThat(appSignatureValid(pay)).isTrue();
  }

  @Test
  void h5PrepayWithoutClientIpIsRefusedWithoutCallingWechat() {
    assertKind(() -> channel.prepay(prepay(TradeType.H5, null, null)), ChannelErrorKind.REJECTED);
    assertThat(wechat.requests()).isEmpty();
  }

  @Test
  void h5PrepaySendsTheClientIpAndReturnsTheH5Url() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/h5"))
            .willReturn(
                WechatPayStub.signed(
                    200,
                    "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?x=1\"}")));

    Prepaid prepaid = channel.prepay(prepay(TradeType.H5, null, "203.0.113.7"));

    JsonObject scene = json(wechat.onlyRequest()).getAsJsonObject("scene_info");
    assertThat(scene.get("payer_client_ip").getAsString()).isEqualTo("203.0.113.7");
    assertThat(scene.getAsJsonObject("h5_info").get("type").getAsString()).isEqualTo("Wap");
    assertThat(prepaid.payParams())
        .containsEntry("h5_url", "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?x=1");
  }

  @Test
  void baseUrlWithAPathPrefixKeepsIt() {
    channel = WechatPayChannel.create(config(wechat.baseUrl() + "/wxpay/").build());
    wechat.stub(
        post(urlEqualTo("/wxpay/v3/pay/transactions/native"))
            .willReturn(WechatPayStub.signed(200, "{\"code_url\":\"weixin://x\"}")));

    assertThat(channel.prepay(prepay(TradeType.NATIVE, null, null)).payParams())
        .containsEntry("code_url", "weixin://x");
  }

  @Test
  void resumeResignsTheStoredPrepayIdWithoutCallingWechat() {
    Prepaid resumed = channel.resume(payment(TradeType.JSAPI, Map.of("prepay_id", PREPAY_ID)));

    assertThat(wechat.requests()).isEmpty();
    assertThat(resumed.payParams())
        .containsEntry("package", "prepay_id=" + PREPAY_ID)
        .containsEntry("timeStamp", Long.toString(NOW.getEpochSecond()));
    assertThat(jsapiSignatureValid(resumed.payParams())).isTrue();
  }

  @Test
  void resumeOfAppPaymentResignsForTheAppSdk() {
    Prepaid resumed =
        channel.resume(payment(TradeType.APP, Map.of("prepay_id", PREPAY_ID, "appid", "wx_app")));

    assertThat(resumed.payParams()).containsEntry("appid", "wx_app");
    assertThat(appSignatureValid(resumed.payParams())).isTrue();
  }

  @Test
  void resumeOfNativePaymentReturnsTheStoredCodeUrl() {
    assertThat(
            channel.resume(payment(TradeType.NATIVE, Map.of("code_url", "weixin://x"))).payParams())
        .containsEntry("code_url", "weixin://x");
  }

  @Test
  void resumeWithoutStoredDataIsRejected() {
    assertKind(() -> channel.resume(payment(TradeType.JSAPI, Map.of())), ChannelErrorKind.REJECTED);
  }

  @Test
  void queryMapsASuccessfulTransaction() {
    wechat.stub(
        get(urlPathEqualTo("/v3/pay/transactions/out-trade-no/P1"))
            .willReturn(WechatPayStub.signed(200, transaction("SUCCESS", 999))));

    PaymentResult result = channel.query("P1");

    assertThat(wechat.onlyRequest().getUrl())
        .isEqualTo("/v3/pay/transactions/out-trade-no/P1?mchid=" + TestKeys.MERCHANT_ID);
    assertThat(result.outcome()).isEqualTo(PaymentOutcome.SUCCEEDED);
    assertThat(result.amount()).isEqualTo(999);
    assertThat(result.transactionId()).isEqualTo("4200000001202611241234567890");
    assertThat(result.paidAt()).isEqualTo(Instant.parse("2026-11-24T10:01:02Z"));
    assertThat(result.source()).isEqualTo(PaymentResult.Source.QUERY);
  }

  @Test
  void queryOfAnOrderWechatDoesNotKnowIsTheNotFoundOutcome() {
    wechat.stub(
        get(urlPathEqualTo("/v3/pay/transactions/out-trade-no/P1"))
            .willReturn(WechatPayStub.error(404, "ORDER_NOT_EXIST", "订单不存在")));

    PaymentResult result = channel.query("P1");

    assertThat(result.outcome()).isEqualTo(PaymentOutcome.NOT_FOUND);
    assertThat(result.channelState()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(result.amount()).isEqualTo(-1);
  }

  @Test
  void closeSucceedsOn204AndSendsTheMerchantId() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/out-trade-no/P1/close"))
            .willReturn(WechatPayStub.signed(204, "")));

    assertThatCode(() -> channel.close("P1")).doesNotThrowAnyException();
    assertThat(json(wechat.onlyRequest()).get("mchid").getAsString())
        .isEqualTo(TestKeys.MERCHANT_ID);
  }

  @Test
  void closeOfAPaidOrderIsAlreadyPaid() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/out-trade-no/P1/close"))
            .willReturn(WechatPayStub.error(400, "ORDERPAID", "订单已支付")));

    assertKind(() -> channel.close("P1"), ChannelErrorKind.ALREADY_PAID);
  }

  @Test
  void closeOfAClosedOrderSucceeds() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/out-trade-no/P1/close"))
            .willReturn(WechatPayStub.error(400, "ORDER_CLOSED", "订单已关闭")));

    assertThatCode(() -> channel.close("P1")).doesNotThrowAnyException();
  }

  @Test
  void prepayWithAReusedNumberIsDuplicateNumber() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(WechatPayStub.error(403, "OUT_TRADE_NO_USED", "商户订单号重复")));

    assertThatThrownBy(() -> channel.prepay(prepay(TradeType.NATIVE, null, null)))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ChannelErrorKind.DUPLICATE_NUMBER);
              assertThat(e.channelCode()).isEqualTo("OUT_TRADE_NO_USED");
            })
        .hasMessageContaining("商户订单号重复");
  }

  @Test
  void systemErrorIsRetryLater() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(WechatPayStub.error(500, "SYSTEM_ERROR", "系统错误")));

    assertKind(
        () -> channel.prepay(prepay(TradeType.NATIVE, null, null)), ChannelErrorKind.RETRY_LATER);
  }

  @Test
  void paramErrorIsRejected() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(WechatPayStub.error(400, "PARAM_ERROR", "参数错误")));

    assertKind(
        () -> channel.prepay(prepay(TradeType.NATIVE, null, null)), ChannelErrorKind.REJECTED);
  }

  @Test
  void answerSignedByAnotherKeyIsAnUnknownOutcome() {
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                WechatPayStub.signedBy(
                    TestKeys.MERCHANT.getPrivate(), 200, "{\"code_url\":\"weixin://forged\"}")));

    assertKind(
        () -> channel.prepay(prepay(TradeType.NATIVE, null, null)),
        ChannelErrorKind.UNKNOWN_OUTCOME);
  }

  @Test
  void readTimeoutIsAnUnknownOutcome() {
    channel =
        WechatPayChannel.create(
            config(wechat.baseUrl()).readTimeout(Duration.ofMillis(200)).build());
    wechat.stub(
        post(urlEqualTo("/v3/pay/transactions/native"))
            .willReturn(
                WechatPayStub.signed(200, "{\"code_url\":\"weixin://x\"}").withFixedDelay(2_000)));

    assertKind(
        () -> channel.prepay(prepay(TradeType.NATIVE, null, null)),
        ChannelErrorKind.UNKNOWN_OUTCOME);
  }

  @Test
  void refusedConnectionIsAnUnknownOutcome() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    channel = WechatPayChannel.create(config("http://localhost:" + closedPort).build());

    assertKind(() -> channel.query("P1"), ChannelErrorKind.UNKNOWN_OUTCOME);
  }

  @Test
  void refundIsSubmittedWithAmountsInFen() {
    wechat.stub(
        post(urlEqualTo("/v3/refund/domestic/refunds"))
            .willReturn(WechatPayStub.signed(200, refund("PROCESSING"))));

    RefundResult result =
        channel.refund(
            new RefundRequest("R1", "P1", "4200000001202611241234567890", 500, 999, "缺货"));

    JsonObject body = json(wechat.onlyRequest());
    assertThat(body.get("out_refund_no").getAsString()).isEqualTo("R1");
    assertThat(body.get("out_trade_no").getAsString()).isEqualTo("P1");
    assertThat(body.getAsJsonObject("amount").get("refund").getAsLong()).isEqualTo(500);
    assertThat(body.getAsJsonObject("amount").get("total").getAsLong()).isEqualTo(999);
    assertThat(body.get("notify_url").getAsString())
        .isEqualTo("https://shop.example.com/pay/wechat/notify");
    assertThat(result.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(result.channelRefundId()).isEqualTo("50000000382019052709732678859");
  }

  @Test
  void refundOfMoreThanWasPaidIsRefusedWithoutCallingWechat() {
    assertKind(
        () -> channel.refund(new RefundRequest("R1", "P1", null, 1000, 999, "")),
        ChannelErrorKind.REJECTED);
    assertThat(wechat.requests()).isEmpty();
  }

  @Test
  void queryRefundMapsItsStatus() {
    wechat.stub(
        get(urlEqualTo("/v3/refund/domestic/refunds/R1"))
            .willReturn(WechatPayStub.signed(200, refund("SUCCESS"))));

    RefundResult result = channel.queryRefund("R1");

    assertThat(result.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(result.paymentNo()).isEqualTo("P1");
    assertThat(result.completedAt()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
  }

  @Test
  void queryOfAnUnknownRefundIsNotFound() {
    wechat.stub(
        get(urlEqualTo("/v3/refund/domestic/refunds/R9"))
            .willReturn(WechatPayStub.error(404, "RESOURCE_NOT_EXISTS", "退款单不存在")));

    assertKind(() -> channel.queryRefund("R9"), ChannelErrorKind.NOT_FOUND);
  }

  private static String transaction(String state, long total) {
    return "{\"appid\":\""
        + TestKeys.APP_ID
        + "\",\"mchid\":\""
        + TestKeys.MERCHANT_ID
        + "\",\"out_trade_no\":\"P1\",\"transaction_id\":\"4200000001202611241234567890\","
        + "\"trade_type\":\"JSAPI\",\"trade_state\":\""
        + state
        + "\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\","
        + "\"success_time\":\"2026-11-24T18:01:02+08:00\","
        + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
        + "\"amount\":{\"total\":"
        + total
        + ",\"payer_total\":"
        + total
        + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
  }

  private static String refund(String status) {
    return "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\"R1\","
        + "\"transaction_id\":\"4200000001202611241234567890\",\"out_trade_no\":\"P1\","
        + "\"channel\":\"ORIGINAL\",\"user_received_account\":\"招商银行信用卡0403\","
        + (status.equals("SUCCESS") ? "\"success_time\":\"2026-11-24T19:00:00+08:00\"," : "")
        + "\"create_time\":\"2026-11-24T18:50:00+08:00\",\"status\":\""
        + status
        + "\",\"funds_account\":\"AVAILABLE\","
        + "\"amount\":{\"total\":999,\"refund\":500,\"payer_total\":999,\"payer_refund\":500,"
        + "\"settlement_refund\":500,\"settlement_total\":999,\"discount_refund\":0,"
        + "\"currency\":\"CNY\"}}";
  }

  private static Payment payment(TradeType type, Map<String, String> prepayData) {
    return new Payment(
        "P1",
        "O-1",
        "wechat",
        type,
        999,
        PaymentStatus.PREPAID,
        null,
        null,
        prepayData,
        null,
        null,
        null,
        NOW,
        NOW,
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
    return TestKeys.verify(TestKeys.MERCHANT.getPublic(), message, pay.get("paySign"));
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
    return TestKeys.verify(TestKeys.MERCHANT.getPublic(), message, pay.get("sign"));
  }

  private static void assertKind(ThrowingCallable call, ChannelErrorKind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
