package io.payflow.wechat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayResponse;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Drives the simulator with the official SDK, wechatpay-java, in public-key mode. */
class SimulatorWithOfficialSdkTest {

  @RegisterExtension
  static final WechatPaySimulatorExtension sim =
      WechatPaySimulatorExtension.create(
          WechatPaySimulator.builder().merchantId("1900000001").appId("wx8888888888888888"));

  static Sdk sdk;

  @BeforeAll
  static void wireTheSdk() {
    sdk = new Sdk(sim);
  }

  private static Transaction query(String outTradeNo) {
    QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
    request.setMchid(sim.merchantId());
    request.setOutTradeNo(outTradeNo);
    return sdk.nativePay.queryOrderByOutTradeNo(request);
  }

  private static void close(String outTradeNo) {
    CloseOrderRequest request = new CloseOrderRequest();
    request.setMchid(sim.merchantId());
    request.setOutTradeNo(outTradeNo);
    sdk.nativePay.closeOrder(request);
  }

  private static Refund refund(String outTradeNo, String outRefundNo, long refund, long total) {
    CreateRequest request = new CreateRequest();
    request.setOutTradeNo(outTradeNo);
    request.setOutRefundNo(outRefundNo);
    AmountReq amount = new AmountReq();
    amount.setRefund(refund);
    amount.setTotal(total);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    return sdk.refunds.create(request);
  }

  @Test
  void nativePrepayIsNotpayUntilThePayerPaysThenSuccess() {
    String outTradeNo = Orders.newOutTradeNo();

    PrepayResponse prepay = sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 8800));
    Transaction before = query(outTradeNo);
    SimulatedOrder paid = sim.pay(outTradeNo);
    Transaction after = query(outTradeNo);

    assertThat(prepay.getCodeUrl()).startsWith("weixin://wxpay/bizpayurl?pr=");
    assertThat(before.getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
    assertThat(before.getTransactionId()).isNull();
    assertThat(after.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    assertThat(after.getTransactionId()).isEqualTo(paid.transactionId()).startsWith("4200");
    assertThat(after.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.NATIVE);
    assertThat(after.getAmount().getTotal()).isEqualTo(8800);
    assertThat(after.getAmount().getPayerTotal()).isEqualTo(8800);
    assertThat(after.getPayer().getOpenid()).isEqualTo(paid.payerOpenId());
    assertThat(after.getSuccessTime()).endsWith("+08:00");
    assertThat(after.getMchid()).isEqualTo("1900000001");
  }

  @Test
  void jsapiPrepayGivesRequestPaymentParametersAndKeepsTheOpenid() throws Exception {
    String outTradeNo = Orders.newOutTradeNo();

    PrepayWithRequestPaymentResponse response =
        sdk.jsapi.prepayWithRequestPayment(Orders.jsapiPrepay(sim, outTradeNo, 100, "oUser1"));
    sim.userPaying(outTradeNo);
    assertThat(query(outTradeNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.USERPAYING);
    sim.pay(outTradeNo);

    assertThat(response.getPackageVal())
        .isEqualTo("prepay_id=" + sim.order(outTradeNo).orElseThrow().prepayId());
    // The pay-sign is the merchant's, over appId, timeStamp, nonceStr and package.
    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(sim.merchantPublicKey());
    verify.update(
        (response.getAppId()
                + "\n"
                + response.getTimeStamp()
                + "\n"
                + response.getNonceStr()
                + "\n"
                + response.getPackageVal()
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(verify.verify(Base64.getDecoder().decode(response.getPaySign()))).isTrue();
    assertThat(query(outTradeNo).getPayer().getOpenid()).isEqualTo("oUser1");
  }

  @Test
  void appPrepayGivesAPrepayIdAndTheOrderIsAnAppTrade() {
    var app =
        new com.wechat.pay.java.service.payments.app.AppServiceExtension.Builder()
            .config(sdk.config)
            .httpClient(sdk.http)
            .build();
    var request = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
    request.setAppid(sim.appId());
    request.setMchid(sim.merchantId());
    request.setDescription("App 商品");
    String outTradeNo = Orders.newOutTradeNo();
    request.setOutTradeNo(outTradeNo);
    request.setNotifyUrl(Orders.NOTIFY_URL);
    var amount = new com.wechat.pay.java.service.payments.app.model.Amount();
    amount.setTotal(1);
    request.setAmount(amount);

    var response = app.prepayWithRequestPayment(request);
    sim.pay(outTradeNo);

    assertThat(response.getPrepayId()).isEqualTo(sim.order(outTradeNo).orElseThrow().prepayId());
    assertThat(response.getPartnerId()).isEqualTo(sim.merchantId());
    assertThat(query(outTradeNo).getTradeType()).isEqualTo(Transaction.TradeTypeEnum.APP);
  }

  @Test
  void jsapiPrepayWithoutOpenidIsAParamError() {
    ServiceException e =
        catchThrowableOfType(
            ServiceException.class,
            () ->
                sdk.jsapi.prepayWithRequestPayment(
                    Orders.jsapiPrepay(sim, Orders.newOutTradeNo(), 100, null)));

    assertThat(e.getHttpStatusCode()).isEqualTo(400);
    assertThat(e.getErrorCode()).isEqualTo("PARAM_ERROR");
    assertThat(e.getErrorMessage()).contains("payer.openid");
  }

  @Test
  void h5PrepayNeedsThePayerClientIp() {
    var request = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
    request.setAppid(sim.appId());
    request.setMchid(sim.merchantId());
    request.setDescription("H5 商品");
    request.setOutTradeNo(Orders.newOutTradeNo());
    request.setNotifyUrl(Orders.NOTIFY_URL);
    var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
    amount.setTotal(1);
    request.setAmount(amount);
    SceneInfo scene = new SceneInfo();
    H5Info h5Info = new H5Info();
    h5Info.setType("Wap");
    scene.setH5Info(h5Info);
    request.setSceneInfo(scene);

    ServiceException missingIp =
        catchThrowableOfType(ServiceException.class, () -> sdk.h5.prepay(request));
    scene.setPayerClientIp("14.23.150.211");
    String h5Url = sdk.h5.prepay(request).getH5Url();

    assertThat(missingIp.getErrorCode()).isEqualTo("PARAM_ERROR");
    assertThat(missingIp.getErrorMessage()).contains("payer_client_ip");
    assertThat(h5Url).startsWith("https://wx.tenpay.com/");
  }

  @Test
  void prepayParametersAreCheckedAsWechatDoes() {
    var noOffset = Orders.nativePrepay(sim, Orders.newOutTradeNo(), 100);
    noOffset.setTimeExpire("2030-01-01T12:00:00");
    var tooShort = Orders.nativePrepay(sim, "T1", 100);
    var httpNotify = Orders.nativePrepay(sim, Orders.newOutTradeNo(), 100);
    httpNotify.setNotifyUrl("http://shop.example.com/notify");
    var zeroAmount = Orders.nativePrepay(sim, Orders.newOutTradeNo(), 0);
    var otherApp = Orders.nativePrepay(sim, Orders.newOutTradeNo(), 100);
    otherApp.setAppid("wx0000000000000000");

    assertThat(errorOf(noOffset)).isEqualTo("400 PARAM_ERROR /time_expire");
    assertThat(errorOf(tooShort)).isEqualTo("400 PARAM_ERROR /out_trade_no");
    assertThat(errorOf(httpNotify)).isEqualTo("400 PARAM_ERROR /notify_url");
    assertThat(errorOf(zeroAmount)).isEqualTo("400 PARAM_ERROR /amount/total");
    assertThat(errorOf(otherApp)).startsWith("400 APPID_MCHID_NOT_MATCH");
  }

  private static String errorOf(
      com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest request) {
    ServiceException e =
        catchThrowableOfType(ServiceException.class, () -> sdk.nativePay.prepay(request));
    String field =
        e.getResponseBody().contains("\"field\"")
            ? e.getResponseBody().replaceAll(".*\"field\":\"([^\"]*)\".*", " $1")
            : "";
    return e.getHttpStatusCode() + " " + e.getErrorCode() + field;
  }

  @Test
  void samePrepayAgainGivesTheSamePrepayIdButDifferentContentIsOutTradeNoUsed() {
    String outTradeNo = Orders.newOutTradeNo();
    String first = sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 100)).getCodeUrl();

    String again = sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 100)).getCodeUrl();
    ServiceException changed =
        catchThrowableOfType(
            ServiceException.class,
            () -> sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 200)));

    assertThat(again).isEqualTo(first);
    assertThat(changed.getHttpStatusCode()).isEqualTo(403);
    assertThat(changed.getErrorCode()).isEqualTo("OUT_TRADE_NO_USED");
    assertThat(sim.calls(Endpoint.NATIVE_PREPAY))
        .filteredOn(c -> c.requestBody().contains(outTradeNo))
        .extracting(RecordedCall::status)
        .containsExactly(200, 200, 403);
  }

  @Test
  void closingAnUnpaidOrderClosesItAndClosingAPaidOneIsOrderpaid() {
    String unpaid = Orders.newOutTradeNo();
    String paid = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, unpaid, 100));
    sdk.nativePay.prepay(Orders.nativePrepay(sim, paid, 100));
    sim.pay(paid);

    close(unpaid);
    ServiceException refused = catchThrowableOfType(ServiceException.class, () -> close(paid));

    assertThat(query(unpaid).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
    assertThat(sim.calls(Endpoint.CLOSE_ORDER)).extracting(RecordedCall::status).contains(204);
    assertThat(refused.getHttpStatusCode()).isEqualTo(400);
    assertThat(refused.getErrorCode()).isEqualTo("ORDERPAID");
    assertThat(query(paid).getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
  }

  @Test
  void queryOfAnUnknownOrderIsOrderNotExist() {
    ServiceException e =
        catchThrowableOfType(ServiceException.class, () -> query("NEVER-PREPAID-1"));

    assertThat(e.getHttpStatusCode()).isEqualTo(404);
    assertThat(e.getErrorCode()).isEqualTo("ORDER_NOT_EXIST");
  }

  @Test
  void refundIsProcessingUntilCompletedAndTheOrderTurnsToRefund() {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 1000));
    sim.pay(outTradeNo);

    Refund created = refund(outTradeNo, "R-" + outTradeNo, 300, 1000);
    sim.completeRefund("R-" + outTradeNo);
    QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
    q.setOutRefundNo("R-" + outTradeNo);
    Refund queried = sdk.refunds.queryByOutRefundNo(q);
    ServiceException tooMuch =
        catchThrowableOfType(
            ServiceException.class, () -> refund(outTradeNo, "R2-" + outTradeNo, 800, 1000));

    assertThat(created.getStatus()).isEqualTo(Status.PROCESSING);
    assertThat(created.getRefundId()).startsWith("50");
    assertThat(queried.getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(queried.getAmount().getRefund()).isEqualTo(300);
    assertThat(queried.getSuccessTime()).isNotNull();
    assertThat(query(outTradeNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.REFUND);
    assertThat(tooMuch.getErrorCode()).isEqualTo("INVALID_REQUEST");
    assertThat(tooMuch.getErrorMessage()).contains("可退 700 分");
  }

  @Test
  void anAbnormalRefundIsQueriedAbnormalAndKeepsItsAmountTaken() {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 1000));
    sim.pay(outTradeNo);
    refund(outTradeNo, "R-" + outTradeNo, 1000, 1000);

    SimulatedRefund failed = sim.failRefund("R-" + outTradeNo, RefundStatus.ABNORMAL);
    QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
    q.setOutRefundNo("R-" + outTradeNo);
    ServiceException again =
        catchThrowableOfType(
            ServiceException.class, () -> refund(outTradeNo, "R2-" + outTradeNo, 1, 1000));

    assertThat(failed.status()).isEqualTo(RefundStatus.ABNORMAL);
    assertThat(failed.successTime()).isNull();
    assertThat(sdk.refunds.queryByOutRefundNo(q).getStatus()).isEqualTo(Status.ABNORMAL);
    assertThat(again.getErrorMessage()).contains("可退 0 分");
  }

  @Test
  void aClosedRefundIsQueriedClosedAndItsAmountCanBeRefundedAgain() {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 1000));
    sim.pay(outTradeNo);
    refund(outTradeNo, "R-" + outTradeNo, 600, 1000);

    sim.failRefund("R-" + outTradeNo, RefundStatus.CLOSED);
    QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
    q.setOutRefundNo("R-" + outTradeNo);
    Refund second = refund(outTradeNo, "R2-" + outTradeNo, 1000, 1000);

    assertThat(sdk.refunds.queryByOutRefundNo(q).getStatus()).isEqualTo(Status.CLOSED);
    assertThat(second.getStatus()).isEqualTo(Status.PROCESSING);
    assertThat(sim.order(outTradeNo).orElseThrow().refunded()).isEqualTo(1000);
  }

  @Test
  void onlyAProcessingRefundFailsAndOnlyAsAbnormalOrClosed() {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 1000));
    sim.pay(outTradeNo);
    refund(outTradeNo, "R-" + outTradeNo, 100, 1000);

    assertThatThrownBy(() -> sim.failRefund("R-" + outTradeNo, RefundStatus.SUCCESS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ABNORMAL or CLOSED");
    assertThatThrownBy(() -> sim.failRefund("NO-SUCH-REFUND", RefundStatus.CLOSED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NO-SUCH-REFUND");
    sim.completeRefund("R-" + outTradeNo);
    assertThatThrownBy(() -> sim.failRefund("R-" + outTradeNo, RefundStatus.CLOSED))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is SUCCESS, not PROCESSING");
  }

  @Test
  void refundOfAnUnpaidOrderIsRefused() {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 1000));

    ServiceException e =
        catchThrowableOfType(
            ServiceException.class, () -> refund(outTradeNo, "R-" + outTradeNo, 100, 1000));

    assertThat(e.getHttpStatusCode()).isEqualTo(400);
    assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void aRequestSignedWithAnotherKeyIsRefusedWithSignError() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    RSAPublicKeyConfig wrongKey =
        new RSAPublicKeyConfig.Builder()
            .merchantId(sim.merchantId())
            .privateKey(generator.generateKeyPair().getPrivate())
            .merchantSerialNumber(sim.merchantSerialNumber())
            .publicKey(sim.platformPublicKey())
            .publicKeyId(sim.platformPublicKeyId())
            .apiV3Key(sim.apiV3Key())
            .build();
    NativePayService impostor =
        new NativePayService.Builder().httpClient(Sdk.httpClient(sim, wrongKey)).build();

    ServiceException e =
        catchThrowableOfType(
            ServiceException.class,
            () -> impostor.prepay(Orders.nativePrepay(sim, Orders.newOutTradeNo(), 100)));

    assertThat(e.getHttpStatusCode()).isEqualTo(401);
    assertThat(e.getErrorCode()).isEqualTo("SIGN_ERROR");
  }

  @Test
  void aFaultIsPlayedForOneCallOnly() {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 100));
    sim.failNext(Endpoint.QUERY_ORDER, Fault.systemError());
    sim.failNext(Endpoint.QUERY_ORDER, Fault.frequencyLimited());

    ServiceException first = catchThrowableOfType(ServiceException.class, () -> query(outTradeNo));
    ServiceException second = catchThrowableOfType(ServiceException.class, () -> query(outTradeNo));
    Transaction third = query(outTradeNo);

    assertThat(first.getHttpStatusCode()).isEqualTo(500);
    assertThat(first.getErrorCode()).isEqualTo("SYSTEM_ERROR");
    assertThat(second.getHttpStatusCode()).isEqualTo(429);
    assertThat(second.getErrorCode()).isEqualTo("FREQUENCY_LIMITED");
    assertThat(third.getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
  }

  @Test
  void aDelayedAnswerTimesTheClientOutYetTheOrderWasCreated() {
    OkHttpClient impatient =
        sim.okHttpClient().newBuilder().readTimeout(Duration.ofMillis(200)).build();
    NativePayService service =
        new NativePayService.Builder()
            .httpClient(
                new DefaultHttpClientBuilder().config(sdk.config).okHttpClient(impatient).build())
            .build();
    String outTradeNo = Orders.newOutTradeNo();
    sim.failNext(Endpoint.NATIVE_PREPAY, Fault.delayedResponse(Duration.ofSeconds(2)));

    HttpException timedOut =
        catchThrowableOfType(
            HttpException.class, () -> service.prepay(Orders.nativePrepay(sim, outTradeNo, 100)));

    assertThat(timedOut).cause().isInstanceOf(java.net.SocketTimeoutException.class);
    assertThat(sim.order(outTradeNo))
        .get()
        .extracting(SimulatedOrder::state)
        .isEqualTo(TradeState.NOTPAY);
  }

  @Test
  void certificatesAreNotFoundInPublicKeyMode() {
    var downloader =
        new com.wechat.pay.java.service.certificate.CertificateService.Builder()
            .httpClient(sdk.http)
            .build();

    ServiceException e =
        catchThrowableOfType(
            ServiceException.class,
            () -> downloader.downloadCertificate(sim.apiV3Key().getBytes(StandardCharsets.UTF_8)));

    assertThat(e.getHttpStatusCode()).isEqualTo(404);
    assertThat(e.getErrorCode()).isEqualTo("NOT_FOUND");
  }
}
