package io.payflow.wechat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Notifications built by the simulator, checked with the SDK's own NotificationParser. */
class NotificationTest {

  @RegisterExtension
  static final WechatPaySimulatorExtension sim =
      WechatPaySimulatorExtension.create(WechatPaySimulator.builder().merchantId("1900000002"));

  static Sdk sdk;
  static NotificationParser parser;
  static HttpServer receiver;
  static String receiverUrl;
  static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // A minimal callback endpoint, as a shop would write it: verify the raw body, answer 4xx on
    // failure so that WeChat retries, 204 on success.
    receiver.createContext(
        "/wechat/notify",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status;
          try {
            Transaction t =
                parser.parse(
                    new RequestParam.Builder()
                        .serialNumber(exchange.getRequestHeaders().getFirst("Wechatpay-Serial"))
                        .nonce(exchange.getRequestHeaders().getFirst("Wechatpay-Nonce"))
                        .signature(exchange.getRequestHeaders().getFirst("Wechatpay-Signature"))
                        .timestamp(exchange.getRequestHeaders().getFirst("Wechatpay-Timestamp"))
                        .body(body)
                        .build(),
                    Transaction.class);
            received.add(t.getOutTradeNo());
            status = 204;
          } catch (RuntimeException e) {
            status = 401;
          }
          byte[] answer =
              status == 204
                  ? new byte[0]
                  : "{\"code\":\"FAIL\",\"message\":\"验签失败\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    receiver.start();
    receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/wechat/notify";
    // Known only now that the receiver listens, as a Spring Boot app's random port.
    sim.overrideNotifyUrl(receiverUrl);
    sdk = new Sdk(sim);
    parser = new NotificationParser(sdk.config);
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
  }

  private static String paidOrder(long total) {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, total));
    sim.pay(outTradeNo);
    return outTradeNo;
  }

  private static <T> T parse(NotificationRequest n, Class<T> type) {
    return parser.parse(
        new RequestParam.Builder()
            .serialNumber(n.serial())
            .nonce(n.nonce())
            .signature(n.signature())
            .timestamp(n.timestamp())
            .signType(n.header("Wechatpay-Signature-Type"))
            .body(n.body())
            .build(),
        type);
  }

  @Test
  void theSdkVerifiesAndDecryptsATransactionSuccessNotification() {
    String outTradeNo = paidOrder(2500);

    NotificationRequest n = sim.transactionNotification(outTradeNo).build();
    Transaction t = parse(n, Transaction.class);

    assertThat(n.serial()).isEqualTo(sim.platformPublicKeyId()).startsWith("PUB_KEY_ID_");
    assertThat(n.body()).contains("\"event_type\":\"TRANSACTION.SUCCESS\"");
    assertThat(n.url()).isEqualTo(receiverUrl);
    assertThat(t.getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    assertThat(t.getAmount().getTotal()).isEqualTo(2500);
    assertThat(t.getMchid()).isEqualTo("1900000002");
    assertThat(t.getTransactionId()).isEqualTo(sim.order(outTradeNo).orElseThrow().transactionId());
  }

  @Test
  void theSdkVerifiesAndDecryptsARefundSuccessNotification() {
    String outTradeNo = paidOrder(900);
    CreateRequest request = new CreateRequest();
    request.setOutTradeNo(outTradeNo);
    request.setOutRefundNo("R-" + outTradeNo);
    AmountReq amount = new AmountReq();
    amount.setRefund(900L);
    amount.setTotal(900L);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    sdk.refunds.create(request);
    sim.completeRefund("R-" + outTradeNo);

    RefundNotification r =
        parse(sim.refundNotification("R-" + outTradeNo).build(), RefundNotification.class);

    assertThat(r.getRefundStatus()).isEqualTo(Status.SUCCESS);
    assertThat(r.getOutRefundNo()).isEqualTo("R-" + outTradeNo);
    assertThat(r.getAmount().getRefund()).isEqualTo(900);
  }

  @ParameterizedTest
  @EnumSource(
      value = RefundStatus.class,
      names = {"ABNORMAL", "CLOSED"})
  void aFailedRefundIsNotifiedWithItsOwnEventTypeAndStatus(RefundStatus outcome) {
    String outTradeNo = paidOrder(700);
    CreateRequest request = new CreateRequest();
    request.setOutTradeNo(outTradeNo);
    request.setOutRefundNo("R-" + outTradeNo);
    AmountReq amount = new AmountReq();
    amount.setRefund(700L);
    amount.setTotal(700L);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    sdk.refunds.create(request);
    sim.failRefund("R-" + outTradeNo, outcome);

    NotificationRequest n = sim.refundNotification("R-" + outTradeNo).build();
    RefundNotification r = parse(n, RefundNotification.class);

    assertThat(n.body()).contains("\"event_type\":\"REFUND." + outcome.name() + "\"");
    assertThat(r.getRefundStatus()).isEqualTo(Status.valueOf(outcome.name()));
    assertThat(r.getSuccessTime()).isNull();
  }

  @ParameterizedTest
  @EnumSource(
      value = Tamper.class,
      names = {"BAD_SIGNATURE", "UNKNOWN_SERIAL", "SIGNATURE_PROBE", "BODY_CHANGED_AFTER_SIGNING"})
  void theSdkRefusesATamperedSignature(Tamper tamper) {
    String outTradeNo = paidOrder(100);

    NotificationRequest n = sim.transactionNotification(outTradeNo).tamper(tamper).build();

    assertThatThrownBy(() -> parse(n, Transaction.class)).isInstanceOf(ValidationException.class);
    if (tamper == Tamper.SIGNATURE_PROBE) {
      assertThat(n.signature()).startsWith("WECHATPAY/SIGNTEST/");
    }
  }

  @Test
  void aMalformedBodyPassesTheSignatureButCannotBeParsed() {
    NotificationRequest n =
        sim.transactionNotification(paidOrder(100)).tamper(Tamper.MALFORMED_JSON).build();

    assertThatThrownBy(() -> parse(n, Transaction.class))
        .isNotInstanceOf(ValidationException.class);
  }

  @Test
  void aResourceEncryptedWithAnotherApiV3KeyCannotBeDecrypted() {
    NotificationRequest n =
        sim.transactionNotification(paidOrder(100)).tamper(Tamper.WRONG_API_V3_KEY).build();

    assertThatThrownBy(() -> parse(n, Transaction.class)).isInstanceOf(DecryptionException.class);
  }

  @Test
  void aStaleButValidNotificationPassesTheSdkSoReplayProtectionIsTheHandlersJob() {
    Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));

    NotificationRequest n =
        sim.transactionNotification(paidOrder(100)).timestamp(anHourAgo).build();

    assertThat(n.timestamp()).isEqualTo(Long.toString(anHourAgo.getEpochSecond()));
    assertThat(parse(n, Transaction.class).getTradeState())
        .isEqualTo(Transaction.TradeStateEnum.SUCCESS);
  }

  @Test
  void payAndNotifyDeliversToTheOverrideUrlAndReportsTheAnswer() {
    String outTradeNo = Orders.newOutTradeNo();
    sdk.nativePay.prepay(Orders.nativePrepay(sim, outTradeNo, 100));

    DeliveryResult result = sim.payAndNotify(outTradeNo);

    assertThat(result.status()).isEqualTo(204);
    assertThat(result.acknowledged()).isTrue();
    assertThat(received).contains(outTradeNo);
  }

  @Test
  void aNotificationCanBeDeliveredSeveralTimesLaterOrOutOfOrder() {
    String first = paidOrder(100);
    String second = paidOrder(200);
    // Built now, delivered later: this is a delayed notification, without sleeping.
    NotificationRequest forFirst = sim.transactionNotification(first).build();
    NotificationRequest forSecond = sim.transactionNotification(second).build();

    List<DeliveryResult> duplicates = sim.deliver(forSecond, 3);
    DeliveryResult late = sim.deliver(forFirst);

    assertThat(duplicates).extracting(DeliveryResult::status).containsExactly(204, 204, 204);
    assertThat(late.status()).isEqualTo(204);
    assertThat(received.subList(received.indexOf(second), received.size()))
        .containsSubsequence(second, second, second, first);
  }

  @Test
  void aRefusedNotificationIsReportedWithTheReceiversStatus() {
    NotificationRequest forged =
        sim.transactionNotification(paidOrder(100)).tamper(Tamper.BAD_SIGNATURE).build();

    DeliveryResult result = sim.deliver(forged);

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.acknowledged()).isFalse();
    assertThat(result.responseBody()).contains("FAIL");
  }

  @Test
  void deliveryToNowhereIsATypedException() {
    NotificationRequest n =
        sim.transactionNotification(paidOrder(100)).to("http://127.0.0.1:1/closed").build();

    assertThatThrownBy(() -> sim.deliver(n))
        .isInstanceOf(NotificationDeliveryException.class)
        .hasMessageContaining("127.0.0.1:1");
  }
}
