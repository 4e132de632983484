package io.payflow.wechat;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackEvent;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.Prepaid;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.channel.RefundRequest;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.Payment;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.internal.CallbackParser;
import io.payflow.wechat.internal.ErrorMapping;
import io.payflow.wechat.internal.PaySigner;
import io.payflow.wechat.internal.ShanghaiTime;
import io.payflow.wechat.internal.TradeStates;
import io.payflow.wechat.internal.WechatPaySdk;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WeChat Pay v3 {@link PaymentChannel} (id {@value #ID}) for one merchant, on the official SDK
 * {@code wechatpay-java}: JSAPI (official accounts and mini-programs), Native, App and H5 prepay;
 * query, close and refund; callbacks verified and decrypted.
 *
 * <p>Create one per merchant with {@link #create(WechatPayConfig)} and keep it: it holds the SDK's
 * HTTP client and, in certificate or combined mode, shares the merchant's platform certificates
 * with every other channel of that merchant in the JVM.
 *
 * <p>Failures are {@link ChannelException}s: WeChat's error codes map to kinds (ORDERPAID →
 * ALREADY_PAID, ORDER_CLOSED → ALREADY_CLOSED, OUT_TRADE_NO_USED → DUPLICATE_NUMBER, SYSTEM_ERROR,
 * FREQUENCY_LIMITED, BANKERROR and 5xx → RETRY_LATER, ORDER_NOT_EXIST and RESOURCE_NOT_EXISTS →
 * NOT_FOUND, other 4xx → REJECTED); timeouts, I/O errors and answers whose signature does not
 * verify are UNKNOWN_OUTCOME, settled by a query. {@link #query(String)} reports an order WeChat
 * does not know as outcome {@link PaymentOutcome#NOT_FOUND}, not as an exception.
 *
 * <p>An argument that is null or blank where a value is needed is refused with an {@link
 * InvalidRequestException} naming it, before anything is sent. Threadsafe.
 */
public final class WechatPayChannel implements PaymentChannel {

  /** The channel id stored on payments. */
  public static final String ID = "wechat";

  private static final Logger log = LoggerFactory.getLogger(WechatPayChannel.class);
  private static final String CNY = "CNY";
  private static final String H5_TYPE_WAP = "Wap";

  private final WechatPayConfig config;
  private final WechatPaySdk sdk;
  private final PaySigner paySigner;
  private final CallbackParser callbackParser;

  private WechatPayChannel(WechatPayConfig config, WechatPaySdk sdk) {
    this.config = config;
    this.sdk = sdk;
    this.paySigner = new PaySigner(sdk.signer(), config.clock());
    this.callbackParser = new CallbackParser(config, sdk, ID);
  }

  /**
   * A channel for the config's merchant. In {@link VerificationMode#PUBLIC_KEY} mode this makes no
   * network call; in certificate and combined mode it downloads the platform certificates once per
   * merchant and JVM.
   *
   * @throws ChannelException if the certificate download failed
   */
  public static WechatPayChannel create(WechatPayConfig config) {
    requireNonNull("config", config);
    WechatPaySdk sdk;
    try {
      sdk = WechatPaySdk.create(config);
    } catch (RuntimeException e) {
      throw ErrorMapping.map(
          "downloading platform certificates for merchant " + config.merchantId(), e);
    }
    log.info(
        "WeChat Pay channel ready: merchant {}, {} mode, {}",
        config.merchantId(),
        config.verificationMode(),
        config.baseUrl());
    return new WechatPayChannel(config, sdk);
  }

  /** The configuration this channel runs on. */
  public WechatPayConfig config() {
    return config;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "微信支付";
  }

  @Override
  public Prepaid prepay(PrepayRequest request) {
    requireNonNull("request", request);
    requireText("paymentNo", request.paymentNo());
    requireNonNull("tradeType", request.tradeType());
    requireText("description", request.description());
    requireNonNull("expiresAt", request.expiresAt());
    int total = fen(request.amount(), request.paymentNo());
    String timeExpire = ShanghaiTime.format(request.expiresAt());
    String appId = config.appIdFor(request.tradeType());
    String action = request.tradeType() + " prepay of " + request.paymentNo();
    log.debug("WeChat Pay {}: {} fen, expires {}", action, total, timeExpire);
    Prepaid prepaid =
        switch (request.tradeType()) {
          case JSAPI -> prepayJsapi(request, appId, total, timeExpire, action);
          case NATIVE -> prepayNative(request, appId, total, timeExpire, action);
          case APP -> prepayApp(request, appId, total, timeExpire, action);
          case H5 -> prepayH5(request, appId, total, timeExpire, action);
        };
    log.info("WeChat Pay {} accepted", action);
    return prepaid;
  }

  private Prepaid prepayJsapi(
      PrepayRequest r, String appId, int total, String timeExpire, String action) {
    String openid = r.payerId();
    if (openid == null || openid.isBlank()) {
      throw rejected(action + " needs the payer's openid (PrepayRequest.payerId)");
    }
    var req = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
    req.setAppid(appId);
    req.setMchid(config.merchantId());
    req.setDescription(r.description());
    req.setOutTradeNo(r.paymentNo());
    req.setTimeExpire(timeExpire);
    req.setAttach(r.orderNo());
    req.setNotifyUrl(config.notifyUrl());
    var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
    amount.setTotal(total);
    amount.setCurrency(CNY);
    req.setAmount(amount);
    var payer = new com.wechat.pay.java.service.payments.jsapi.model.Payer();
    payer.setOpenid(openid);
    req.setPayer(payer);
    var res = call(action, () -> sdk.jsapi().prepayWithRequestPayment(req));
    String prepayId = res.getPackageVal().substring("prepay_id=".length());
    return new Prepaid(
        Map.of("prepay_id", prepayId, "appid", appId),
        Map.of(
            "appId", res.getAppId(),
            "timeStamp", res.getTimeStamp(),
            "nonceStr", res.getNonceStr(),
            "package", res.getPackageVal(),
            "signType", res.getSignType(),
            "paySign", res.getPaySign()));
  }

  private Prepaid prepayNative(
      PrepayRequest r, String appId, int total, String timeExpire, String action) {
    var req = new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
    req.setAppid(appId);
    req.setMchid(config.merchantId());
    req.setDescription(r.description());
    req.setOutTradeNo(r.paymentNo());
    req.setTimeExpire(timeExpire);
    req.setAttach(r.orderNo());
    req.setNotifyUrl(config.notifyUrl());
    var amount = new com.wechat.pay.java.service.payments.nativepay.model.Amount();
    amount.setTotal(total);
    amount.setCurrency(CNY);
    req.setAmount(amount);
    String codeUrl = call(action, () -> sdk.nativePay().prepay(req)).getCodeUrl();
    return new Prepaid(Map.of("code_url", codeUrl), Map.of("code_url", codeUrl));
  }

  private Prepaid prepayApp(
      PrepayRequest r, String appId, int total, String timeExpire, String action) {
    var req = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
    req.setAppid(appId);
    req.setMchid(config.merchantId());
    req.setDescription(r.description());
    req.setOutTradeNo(r.paymentNo());
    req.setTimeExpire(timeExpire);
    req.setAttach(r.orderNo());
    req.setNotifyUrl(config.notifyUrl());
    var amount = new com.wechat.pay.java.service.payments.app.model.Amount();
    amount.setTotal(total);
    amount.setCurrency(CNY);
    req.setAmount(amount);
    var res = call(action, () -> sdk.app().prepayWithRequestPayment(req));
    return new Prepaid(
        Map.of("prepay_id", res.getPrepayId(), "appid", appId),
        Map.of(
            "appid", res.getAppid(),
            "partnerid", res.getPartnerId(),
            "prepayid", res.getPrepayId(),
            "package", res.getPackageVal(),
            "noncestr", res.getNonceStr(),
            "timestamp", res.getTimestamp(),
            "sign", res.getSign()));
  }

  private Prepaid prepayH5(
      PrepayRequest r, String appId, int total, String timeExpire, String action) {
    String clientIp = r.clientIp();
    if (clientIp == null || clientIp.isBlank()) {
      throw rejected(action + " needs the payer's client IP (PrepayRequest.clientIp)");
    }
    var req = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
    req.setAppid(appId);
    req.setMchid(config.merchantId());
    req.setDescription(r.description());
    req.setOutTradeNo(r.paymentNo());
    req.setTimeExpire(timeExpire);
    req.setAttach(r.orderNo());
    req.setNotifyUrl(config.notifyUrl());
    var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
    amount.setTotal(total);
    amount.setCurrency(CNY);
    req.setAmount(amount);
    var h5Info = new com.wechat.pay.java.service.payments.h5.model.H5Info();
    h5Info.setType(H5_TYPE_WAP);
    var scene = new com.wechat.pay.java.service.payments.h5.model.SceneInfo();
    scene.setPayerClientIp(clientIp);
    scene.setH5Info(h5Info);
    req.setSceneInfo(scene);
    String h5Url = call(action, () -> sdk.h5().prepay(req)).getH5Url();
    return new Prepaid(Map.of("h5_url", h5Url), Map.of("h5_url", h5Url));
  }

  @Override
  public Prepaid resume(Payment payment) {
    requireNonNull("payment", payment);
    Map<String, String> data = payment.prepayData();
    TradeType type = payment.tradeType();
    return switch (type) {
      case JSAPI -> {
        String prepayId = stored(payment, "prepay_id");
        String appId = data.getOrDefault("appid", config.appIdFor(type));
        yield new Prepaid(data, paySigner.jsapi(appId, prepayId));
      }
      case APP -> {
        String prepayId = stored(payment, "prepay_id");
        String appId = data.getOrDefault("appid", config.appIdFor(type));
        yield new Prepaid(data, paySigner.app(appId, config.merchantId(), prepayId));
      }
      case NATIVE -> new Prepaid(data, Map.of("code_url", stored(payment, "code_url")));
      case H5 -> new Prepaid(data, Map.of("h5_url", stored(payment, "h5_url")));
    };
  }

  @Override
  public PaymentResult query(String paymentNo) {
    requireText("paymentNo", paymentNo);
    var req =
        new com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest();
    req.setMchid(config.merchantId());
    req.setOutTradeNo(paymentNo);
    Transaction tx;
    try {
      // One endpoint for every trade type (/v3/pay/transactions/out-trade-no/{no}).
      tx = sdk.nativePay().queryOrderByOutTradeNo(req);
    } catch (ServiceException e) {
      if ("ORDER_NOT_EXIST".equals(e.getErrorCode())) {
        // An outcome, not an error: the prepay never reached WeChat, so nothing can be paid.
        return new PaymentResult(
            ID,
            paymentNo,
            PaymentOutcome.NOT_FOUND,
            "ORDER_NOT_EXIST",
            null,
            -1,
            null,
            e.getErrorMessage(),
            PaymentResult.Source.QUERY);
      }
      throw ErrorMapping.map("query of " + paymentNo, e);
    } catch (RuntimeException e) {
      throw ErrorMapping.map("query of " + paymentNo, e);
    }
    String state = tx.getTradeState() == null ? null : tx.getTradeState().name();
    PaymentOutcome outcome = TradeStates.outcome(state);
    if (outcome == null) {
      throw new ChannelException(
          ChannelErrorKind.UNKNOWN_OUTCOME,
          state,
          "WeChat Pay answered the query of " + paymentNo + " with an unknown trade_state");
    }
    Integer total = tx.getAmount() == null ? null : tx.getAmount().getTotal();
    return new PaymentResult(
        ID,
        paymentNo,
        outcome,
        state,
        tx.getTransactionId(),
        total == null ? -1 : total,
        ShanghaiTime.parse(tx.getSuccessTime()),
        tx.getTradeStateDesc(),
        PaymentResult.Source.QUERY);
  }

  @Override
  public void close(String paymentNo) {
    requireText("paymentNo", paymentNo);
    var req = new com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest();
    req.setMchid(config.merchantId());
    req.setOutTradeNo(paymentNo);
    try {
      sdk.nativePay().closeOrder(req);
      log.info("WeChat Pay payment {} closed", paymentNo);
    } catch (ServiceException e) {
      if ("ORDER_CLOSED".equals(e.getErrorCode())) {
        return; // closing a closed payment succeeds, as the contract says
      }
      throw ErrorMapping.map("close of " + paymentNo, e);
    } catch (RuntimeException e) {
      throw ErrorMapping.map("close of " + paymentNo, e);
    }
  }

  @Override
  public RefundResult refund(RefundRequest request) {
    requireNonNull("request", request);
    requireText("refundNo", request.refundNo());
    requireText("paymentNo", request.paymentNo());
    String action = "refund " + request.refundNo() + " of " + request.paymentNo();
    if (request.amount() <= 0 || request.amount() > request.paymentAmount()) {
      throw rejected(
          action
              + ": amount "
              + request.amount()
              + " fen must be positive and at most the payment's "
              + request.paymentAmount()
              + " fen");
    }
    CreateRequest req = new CreateRequest();
    req.setOutTradeNo(request.paymentNo());
    req.setTransactionId(request.transactionId());
    req.setOutRefundNo(request.refundNo());
    req.setReason(request.reason() == null || request.reason().isBlank() ? null : request.reason());
    req.setNotifyUrl(config.notifyUrl());
    AmountReq amount = new AmountReq();
    amount.setRefund(request.amount());
    amount.setTotal(request.paymentAmount());
    amount.setCurrency(CNY);
    req.setAmount(amount);
    Refund refund = call(action, () -> sdk.refunds().create(req));
    log.info("WeChat Pay {} accepted: {}", action, refund.getStatus());
    return refundResult(refund, request.refundNo(), request.paymentNo(), action);
  }

  @Override
  public RefundResult queryRefund(String refundNo) {
    requireText("refundNo", refundNo);
    QueryByOutRefundNoRequest req = new QueryByOutRefundNoRequest();
    req.setOutRefundNo(refundNo);
    String action = "query of refund " + refundNo;
    Refund refund = call(action, () -> sdk.refunds().queryByOutRefundNo(req));
    return refundResult(refund, refundNo, refund.getOutTradeNo(), action);
  }

  private static RefundResult refundResult(
      Refund refund, String refundNo, @Nullable String paymentNo, String action) {
    String state = refund.getStatus() == null ? null : refund.getStatus().name();
    RefundStatus status = TradeStates.refundStatus(state);
    if (status == null || paymentNo == null) {
      throw new ChannelException(
          ChannelErrorKind.UNKNOWN_OUTCOME,
          state,
          "WeChat Pay answered " + action + " with an unknown or incomplete refund status");
    }
    return new RefundResult(
        refund.getOutRefundNo() == null ? refundNo : refund.getOutRefundNo(),
        paymentNo,
        status,
        refund.getRefundId(),
        state,
        ShanghaiTime.parse(refund.getSuccessTime()));
  }

  @Override
  public CallbackEvent parseCallback(CallbackRequest request) {
    requireNonNull("request", request);
    return callbackParser.parse(request);
  }

  /** 204 with no body: what WeChat Pay documents as "received". */
  @Override
  public CallbackAnswer acknowledge() {
    return new CallbackAnswer(204, "", "");
  }

  /** The status with {@code {"code":"FAIL","message":"…"}}, so that WeChat Pay retries. */
  @Override
  public CallbackAnswer reject(int httpStatus, String message) {
    return new CallbackAnswer(
        httpStatus,
        "application/json; charset=utf-8",
        "{\"code\":\"FAIL\",\"message\":\"" + jsonEscape(message == null ? "" : message) + "\"}");
  }

  private static <T> T call(String action, Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (RuntimeException e) {
      ChannelException mapped = ErrorMapping.map(action, e);
      log.warn("WeChat Pay {} failed: {} ({})", action, mapped.getMessage(), mapped.kind());
      throw mapped;
    }
  }

  private static int fen(long amount, String paymentNo) {
    if (amount <= 0 || amount > Integer.MAX_VALUE) {
      throw rejected(
          "prepay of " + paymentNo + ": amount " + amount + " fen is not a positive int of fen");
    }
    return (int) amount;
  }

  private static String stored(Payment payment, String key) {
    String value = payment.prepayData().get(key);
    if (value == null || value.isBlank()) {
      throw rejected(
          "payment "
              + payment.paymentNo()
              + " ("
              + payment.tradeType()
              + ") has no stored "
              + key
              + " to resume; a new payment is needed");
    }
    return value;
  }

  private static <T> T requireNonNull(String field, @Nullable T value) {
    if (value == null) {
      throw new InvalidRequestException(field, "must not be null");
    }
    return value;
  }

  private static String requireText(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field, "must not be blank");
    }
    return value;
  }

  private static ChannelException rejected(String message) {
    return new ChannelException(ChannelErrorKind.REJECTED, null, message);
  }

  private static String jsonEscape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
