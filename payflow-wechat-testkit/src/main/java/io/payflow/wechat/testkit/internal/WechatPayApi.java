package io.payflow.wechat.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.util.NonceUtil;
import io.payflow.wechat.testkit.Endpoint;
import io.payflow.wechat.testkit.Fault;
import io.payflow.wechat.testkit.RecordedCall;
import io.payflow.wechat.testkit.SigningMode;
import io.payflow.wechat.testkit.TradeState;
import io.payflow.wechat.testkit.TradeType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * WeChat Pay v3's behaviour: routing, request checks, order and refund state, answers. Knows
 * nothing of HTTP servers; the WireMock transformer feeds it and signs what it answers.
 *
 * <p>This class is threadsafe: all state is guarded by one lock, held only for in-memory work.
 */
final class WechatPayApi {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final ObjectMapper JSON = new ObjectMapper();

  private static final String AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048 ";
  private static final Pattern AUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
  private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
  // RFC 3339 with a mandatory offset: what WeChat documents as yyyy-MM-DDTHH:mm:ss+TIMEZONE.
  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern QUERY_ORDER =
      Pattern.compile("/v3/pay/transactions/out-trade-no/([^/]+)");
  private static final Pattern CLOSE_ORDER =
      Pattern.compile("/v3/pay/transactions/out-trade-no/([^/]+)/close");
  private static final Pattern QUERY_REFUND =
      Pattern.compile("/v3/refund/domestic/refunds/([^/]+)");
  // WeChat refuses a request whose signature timestamp is this far from its own clock.
  private static final Duration REQUEST_CLOCK_SKEW = Duration.ofMinutes(5);

  private final String merchantId;
  private final String appId;
  private final SigningMode signingMode;
  private final KeyMaterial keys;
  private final Clock clock;
  private final RSAVerifier merchantVerifier;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong sequence = new AtomicLong();

  private final Object lock = new Object();
  private final Map<String, OrderState> orders = new HashMap<>();
  private final Map<String, RefundState> refunds = new HashMap<>();
  private final Map<Endpoint, Queue<Fault>> faults = new EnumMap<>(Endpoint.class);
  private final List<RecordedCall> journal = new ArrayList<>();

  WechatPayApi(
      String merchantId, String appId, SigningMode signingMode, KeyMaterial keys, Clock clock) {
    this.merchantId = merchantId;
    this.appId = appId;
    this.signingMode = signingMode;
    this.keys = keys;
    this.clock = clock;
    this.merchantVerifier = new RSAVerifier(keys.merchant.getPublic(), keys.merchantSerialNumber);
  }

  Object lock() {
    return lock;
  }

  @Nullable OrderState orderLocked(String outTradeNo) {
    return orders.get(outTradeNo);
  }

  @Nullable RefundState refundLocked(String outRefundNo) {
    return refunds.get(outRefundNo);
  }

  void failNext(Endpoint endpoint, Fault fault) {
    synchronized (lock) {
      faults.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(fault);
    }
  }

  List<RecordedCall> journal() {
    synchronized (lock) {
      return List.copyOf(journal);
    }
  }

  void reset() {
    synchronized (lock) {
      orders.clear();
      refunds.clear();
      faults.clear();
      journal.clear();
    }
  }

  Instant now() {
    return clock.instant();
  }

  /** Answers one request, as WeChat would, and records it in the journal. */
  Answer handle(String method, String url, @Nullable String authorization, String body) {
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Map<String, String> query = q < 0 ? Map.of() : parseQuery(url.substring(q + 1));
    Route route = route(method, path);
    Answer answer = route == null ? notFound(path) : handle(route, url, query, authorization, body);
    synchronized (lock) {
      journal.add(
          new RecordedCall(
              route == null ? null : route.endpoint,
              method,
              url,
              body,
              answer.status(),
              answer.errorCode()));
    }
    return answer;
  }

  private Answer handle(
      Route route,
      String url,
      Map<String, String> query,
      @Nullable String authorization,
      String body) {
    Fault fault;
    synchronized (lock) {
      Queue<Fault> queue = faults.get(route.endpoint);
      fault = queue == null ? null : queue.poll();
    }
    if (fault != null && fault.kind() == Fault.Kind.SYSTEM_ERROR) {
      return error(500, "SYSTEM_ERROR", "系统错误");
    }
    if (fault != null && fault.kind() == Fault.Kind.FREQUENCY_LIMITED) {
      return error(429, "FREQUENCY_LIMITED", "频率超限");
    }
    Answer refused = checkSignature(route.endpoint.method(), url, authorization, body);
    if (refused != null) {
      return refused;
    }
    Answer answer =
        switch (route.endpoint) {
          case JSAPI_PREPAY -> prepay(TradeType.JSAPI, body);
          case NATIVE_PREPAY -> prepay(TradeType.NATIVE, body);
          case APP_PREPAY -> prepay(TradeType.APP, body);
          case H5_PREPAY -> prepay(TradeType.MWEB, body);
          case QUERY_ORDER -> queryOrder(route.id, query);
          case CLOSE_ORDER -> closeOrder(route.id, body);
          case REFUND -> refund(body);
          case QUERY_REFUND -> queryRefund(route.id);
          case CERTIFICATES -> certificates();
        };
    return fault == null ? answer : answer.delayedBy(fault.delay());
  }

  // ---- request authentication ----

  private @Nullable Answer checkSignature(
      String method, String url, @Nullable String authorization, String body) {
    if (authorization == null || !authorization.startsWith(AUTH_SCHEMA)) {
      return error(401, "SIGN_ERROR", "Authorization 缺失或认证类型不是 WECHATPAY2-SHA256-RSA2048");
    }
    Map<String, String> params = new HashMap<>();
    Matcher m = AUTH_PARAM.matcher(authorization.substring(AUTH_SCHEMA.length()));
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    for (String required : List.of("mchid", "nonce_str", "timestamp", "serial_no", "signature")) {
      if (!params.containsKey(required)) {
        return error(401, "SIGN_ERROR", "Authorization 缺少 " + required);
      }
    }
    if (!merchantId.equals(params.get("mchid"))) {
      return error(401, "SIGN_ERROR", "Authorization 中的商户号 " + params.get("mchid") + " 不存在");
    }
    if (!keys.merchantSerialNumber.equals(params.get("serial_no"))) {
      return error(
          401, "SIGN_ERROR", "商户证书序列号 serial_no 有误: " + params.get("serial_no") + " 不是该商户的证书");
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(params.get("timestamp"));
    } catch (NumberFormatException e) {
      return error(401, "SIGN_ERROR", "timestamp 不是整数秒");
    }
    // Real time, not the business clock: the client signs with its own wall clock.
    long skew = Math.abs(Instant.now().getEpochSecond() - timestamp);
    if (skew > REQUEST_CLOCK_SKEW.toSeconds()) {
      return error(401, "SIGN_ERROR", "签名时间戳与微信支付时间相差过大（" + skew + " 秒）");
    }
    String message =
        method
            + "\n"
            + url
            + "\n"
            + timestamp
            + "\n"
            + params.get("nonce_str")
            + "\n"
            + body
            + "\n";
    boolean valid;
    try {
      valid = merchantVerifier.verify(keys.merchantSerialNumber, message, params.get("signature"));
    } catch (IllegalArgumentException e) {
      valid = false; // not Base64
    }
    return valid ? null : error(401, "SIGN_ERROR", "签名错误，请检查签名串与签名算法");
  }

  // ---- prepay ----

  private Answer prepay(TradeType type, String body) {
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return paramError("/", "请求体不是合法的 JSON");
    }
    if (req == null || !req.isObject()) {
      return paramError("/", "请求体不是 JSON 对象");
    }
    String appid = text(req, "appid");
    String mchid = text(req, "mchid");
    if (appid == null) {
      return paramError("/appid", "缺少参数 appid");
    }
    if (mchid == null) {
      return paramError("/mchid", "缺少参数 mchid");
    }
    if (!merchantId.equals(mchid) || !appId.equals(appid)) {
      return error(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配");
    }
    String description = text(req, "description");
    if (description == null || description.isBlank()) {
      return paramError("/description", "缺少参数 description");
    }
    if (description.length() > 127) {
      return paramError("/description", "description 超过 127 个字符");
    }
    String outTradeNo = text(req, "out_trade_no");
    if (outTradeNo == null) {
      return paramError("/out_trade_no", "缺少参数 out_trade_no");
    }
    if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
      return paramError("/out_trade_no", "out_trade_no 须为 6-32 个字符，只能是数字、大小写字母和 _-|*");
    }
    String notifyUrl = text(req, "notify_url");
    if (notifyUrl == null) {
      return paramError("/notify_url", "缺少参数 notify_url");
    }
    if (!notifyUrl.startsWith("https://") || notifyUrl.contains("?") || notifyUrl.length() > 255) {
      return paramError("/notify_url", "notify_url 须为 https 地址，不能携带参数");
    }
    JsonNode amount = req.get("amount");
    JsonNode total = amount == null ? null : amount.get("total");
    if (total == null || !total.isIntegralNumber()) {
      return paramError("/amount/total", "缺少参数 amount.total，或不是整数（单位：分）");
    }
    if (total.asLong() <= 0) {
      return paramError("/amount/total", "amount.total 须大于 0");
    }
    String currency = text(amount, "currency");
    if (currency != null && !currency.equals("CNY")) {
      return paramError("/amount/currency", "境内商户 amount.currency 只能是 CNY");
    }
    String timeExpire = text(req, "time_expire");
    if (timeExpire != null) {
      if (!RFC3339.matcher(timeExpire).matches()) {
        return paramError(
            "/time_expire", "time_expire 须为 rfc3339 格式并带时区，例如 2018-06-08T10:34:56+08:00");
      }
      try {
        OffsetDateTime.parse(timeExpire, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        return paramError("/time_expire", "time_expire 不是合法的时间");
      }
    }
    String openid = text(req.path("payer"), "openid");
    if (type == TradeType.JSAPI && (openid == null || openid.isBlank())) {
      return paramError("/payer/openid", "JSAPI 下单缺少参数 payer.openid");
    }
    if (type == TradeType.MWEB) {
      if (text(req.path("scene_info"), "payer_client_ip") == null) {
        return paramError("/scene_info/payer_client_ip", "H5 下单缺少参数 scene_info.payer_client_ip");
      }
      if (text(req.path("scene_info").path("h5_info"), "type") == null) {
        return paramError("/scene_info/h5_info/type", "H5 下单缺少参数 scene_info.h5_info.type");
      }
    }
    synchronized (lock) {
      OrderState existing = orders.get(outTradeNo);
      if (existing != null) {
        if (existing.tradeType != type || !existing.prepayRequest.equals(req)) {
          return error(403, "OUT_TRADE_NO_USED", "商户订单号重复");
        }
        if (existing.state == TradeState.SUCCESS || existing.state == TradeState.REFUND) {
          return error(400, "ORDERPAID", "该订单已支付");
        }
        if (existing.state == TradeState.CLOSED) {
          return error(400, "ORDER_CLOSED", "该订单已关闭");
        }
        return Answer.ok(existing.prepayAnswer);
      }
      String prepayId =
          "wx" + DateTimeFormatter.ofPattern("ddHHmmss").format(now().atZone(CHINA)) + digits(26);
      ObjectNode answer = JSON.createObjectNode();
      switch (type) {
        case JSAPI, APP -> answer.put("prepay_id", prepayId);
        case NATIVE ->
            answer.put("code_url", "weixin://wxpay/bizpayurl?pr=" + prepayId.substring(2, 11));
        case MWEB ->
            answer.put(
                "h5_url",
                "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id="
                    + prepayId
                    + "&package="
                    + digits(10));
      }
      OrderState order =
          new OrderState(
              outTradeNo,
              type,
              req,
              appid,
              description,
              notifyUrl,
              total.asLong(),
              currency == null ? "CNY" : currency,
              text(req, "attach"),
              openid,
              prepayId,
              write(answer));
      orders.put(outTradeNo, order);
      return Answer.ok(order.prepayAnswer);
    }
  }

  // ---- query and close ----

  private Answer queryOrder(String outTradeNo, Map<String, String> query) {
    String mchid = query.get("mchid");
    if (mchid == null) {
      return paramError("/mchid", "缺少查询参数 mchid");
    }
    if (!merchantId.equals(mchid)) {
      return error(400, "MCH_NOT_EXISTS", "商户号不存在");
    }
    synchronized (lock) {
      OrderState order = orders.get(outTradeNo);
      if (order == null) {
        return error(404, "ORDER_NOT_EXIST", "订单不存在");
      }
      return Answer.ok(write(transactionJson(order)));
    }
  }

  private Answer closeOrder(String outTradeNo, String body) {
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return paramError("/", "请求体不是合法的 JSON");
    }
    String mchid = req == null ? null : text(req, "mchid");
    if (mchid == null) {
      return paramError("/mchid", "缺少参数 mchid");
    }
    if (!merchantId.equals(mchid)) {
      return error(400, "MCH_NOT_EXISTS", "商户号不存在");
    }
    synchronized (lock) {
      OrderState order = orders.get(outTradeNo);
      if (order == null) {
        return error(404, "ORDER_NOT_EXIST", "订单不存在");
      }
      if (order.state == TradeState.SUCCESS || order.state == TradeState.REFUND) {
        return error(400, "ORDERPAID", "订单已支付");
      }
      order.state = TradeState.CLOSED;
      return Answer.noContent();
    }
  }

  ObjectNode transactionJson(OrderState order) {
    ObjectNode t = JSON.createObjectNode();
    t.put("appid", order.appId);
    t.put("mchid", merchantId);
    t.put("out_trade_no", order.outTradeNo);
    if (order.transactionId != null) {
      t.put("transaction_id", order.transactionId);
      t.put("trade_type", order.tradeType.name());
    }
    t.put("trade_state", order.state.name());
    t.put("trade_state_desc", order.state.description());
    boolean paid = order.state == TradeState.SUCCESS || order.state == TradeState.REFUND;
    if (paid) {
      t.put("bank_type", "OTHERS");
    }
    if (order.attach != null) {
      t.put("attach", order.attach);
    }
    if (order.successTime != null) {
      t.put("success_time", format(order.successTime));
    }
    if (order.payerOpenId != null) {
      t.putObject("payer").put("openid", order.payerOpenId);
    }
    ObjectNode amount = t.putObject("amount");
    amount.put("total", order.total);
    amount.put("currency", order.currency);
    if (paid) {
      amount.put("payer_total", order.total);
      amount.put("payer_currency", order.currency);
    }
    return t;
  }

  // ---- refunds ----

  private Answer refund(String body) {
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return paramError("/", "请求体不是合法的 JSON");
    }
    if (req == null || !req.isObject()) {
      return paramError("/", "请求体不是 JSON 对象");
    }
    String outTradeNo = text(req, "out_trade_no");
    String transactionId = text(req, "transaction_id");
    if (outTradeNo == null && transactionId == null) {
      return paramError("/out_trade_no", "transaction_id 和 out_trade_no 必须二选一");
    }
    String outRefundNo = text(req, "out_refund_no");
    if (outRefundNo == null || !OUT_REFUND_NO.matcher(outRefundNo).matches()) {
      return paramError("/out_refund_no", "out_refund_no 须为 1-64 个字符，只能是数字、大小写字母和 _-|*@");
    }
    String notifyUrl = text(req, "notify_url");
    if (notifyUrl != null && !notifyUrl.startsWith("https://")) {
      return paramError("/notify_url", "notify_url 须为 https 地址");
    }
    JsonNode amount = req.get("amount");
    JsonNode refund = amount == null ? null : amount.get("refund");
    JsonNode total = amount == null ? null : amount.get("total");
    if (refund == null || !refund.isIntegralNumber() || refund.asLong() <= 0) {
      return paramError("/amount/refund", "amount.refund 须为大于 0 的整数（单位：分）");
    }
    if (total == null || !total.isIntegralNumber() || total.asLong() <= 0) {
      return paramError("/amount/total", "amount.total 须为大于 0 的整数（单位：分）");
    }
    if (!"CNY".equals(text(amount, "currency"))) {
      return paramError("/amount/currency", "缺少参数 amount.currency，境内商户只能是 CNY");
    }
    synchronized (lock) {
      RefundState existing = refunds.get(outRefundNo);
      if (existing != null) {
        if (!existing.request.equals(req)) {
          return error(400, "INVALID_REQUEST", "退款单号 out_refund_no 重复，且请求内容不同");
        }
        return Answer.ok(write(refundJson(existing)));
      }
      OrderState order = null;
      if (outTradeNo != null) {
        order = orders.get(outTradeNo);
      } else {
        for (OrderState o : orders.values()) {
          if (transactionId.equals(o.transactionId)) {
            order = o;
          }
        }
      }
      if (order == null) {
        return error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
      }
      if (order.state != TradeState.SUCCESS && order.state != TradeState.REFUND) {
        return error(400, "INVALID_REQUEST", "订单未支付成功，不能退款");
      }
      if (total.asLong() != order.total) {
        return paramError("/amount/total", "amount.total 与原订单金额 " + order.total + " 不一致");
      }
      if (refund.asLong() > order.total - order.refunded) {
        return error(
            400, "INVALID_REQUEST", "申请退款金额超过订单可退金额（可退 " + (order.total - order.refunded) + " 分）");
      }
      RefundState created =
          new RefundState(
              outRefundNo, "50" + digits(27), order, req, refund.asLong(), notifyUrl, now());
      order.refunded += created.refund;
      order.state = TradeState.REFUND;
      refunds.put(outRefundNo, created);
      return Answer.ok(write(refundJson(created)));
    }
  }

  private Answer queryRefund(String outRefundNo) {
    synchronized (lock) {
      RefundState refund = refunds.get(outRefundNo);
      if (refund == null) {
        return error(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
      }
      return Answer.ok(write(refundJson(refund)));
    }
  }

  private ObjectNode refundJson(RefundState r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("refund_id", r.refundId);
    n.put("out_refund_no", r.outRefundNo);
    n.put("transaction_id", r.order.transactionId);
    n.put("out_trade_no", r.order.outTradeNo);
    n.put("channel", "ORIGINAL");
    n.put("user_received_account", "支付用户零钱");
    if (r.successTime != null) {
      n.put("success_time", format(r.successTime));
    }
    n.put("create_time", format(r.createTime));
    n.put("status", r.status.name());
    n.put("funds_account", "AVAILABLE");
    ObjectNode amount = n.putObject("amount");
    amount.put("total", r.order.total);
    amount.put("refund", r.refund);
    amount.putArray("from");
    amount.put("payer_total", r.order.total);
    amount.put("payer_refund", r.refund);
    amount.put("settlement_refund", r.refund);
    amount.put("settlement_total", r.order.total);
    amount.put("discount_refund", 0);
    amount.put("currency", "CNY");
    amount.put("refund_fee", 0);
    n.putArray("promotion_detail");
    return n;
  }

  ObjectNode refundNotificationJson(RefundState r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mchid", merchantId);
    n.put("out_trade_no", r.order.outTradeNo);
    n.put("transaction_id", r.order.transactionId);
    n.put("out_refund_no", r.outRefundNo);
    n.put("refund_id", r.refundId);
    n.put("refund_status", r.status.name());
    if (r.successTime != null) {
      n.put("success_time", format(r.successTime));
    }
    n.put("user_received_account", "支付用户零钱");
    ObjectNode amount = n.putObject("amount");
    amount.put("total", r.order.total);
    amount.put("refund", r.refund);
    amount.put("payer_total", r.order.total);
    amount.put("payer_refund", r.refund);
    return n;
  }

  // ---- certificates ----

  private Answer certificates() {
    if (signingMode == SigningMode.PUBLIC_KEY) {
      // As for merchants registered since late 2024 (wechatpay-java #354); the SDK's downloader
      // reads NOT_FOUND as "no certificates", and a client must then use the public key.
      return error(404, "NOT_FOUND", "无可用的平台证书，请使用微信支付公钥");
    }
    String nonce = NonceUtil.createNonce(12);
    String associatedData = "certificate";
    String pem;
    try {
      pem = KeyMaterial.pem("CERTIFICATE", keys.platformCertificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    String ciphertext =
        new AeadAesCipher(keys.apiV3Key.getBytes(StandardCharsets.UTF_8))
            .encrypt(
                associatedData.getBytes(StandardCharsets.UTF_8),
                nonce.getBytes(StandardCharsets.UTF_8),
                pem.getBytes(StandardCharsets.UTF_8));
    ObjectNode root = JSON.createObjectNode();
    ObjectNode data = root.putArray("data").addObject();
    data.put("serial_no", keys.platformCertificateSerialNumber);
    data.put("effective_time", format(keys.platformCertificate.getNotBefore().toInstant()));
    data.put("expire_time", format(keys.platformCertificate.getNotAfter().toInstant()));
    ObjectNode encrypted = data.putObject("encrypt_certificate");
    encrypted.put("algorithm", "AEAD_AES_256_GCM");
    encrypted.put("nonce", nonce);
    encrypted.put("associated_data", associatedData);
    encrypted.put("ciphertext", ciphertext);
    return Answer.ok(write(root));
  }

  // ---- helpers ----

  private record Route(Endpoint endpoint, String id) {}

  private static @Nullable Route route(String method, String path) {
    Matcher m;
    if (method.equals("POST")) {
      switch (path) {
        case "/v3/pay/transactions/jsapi":
          return new Route(Endpoint.JSAPI_PREPAY, "");
        case "/v3/pay/transactions/native":
          return new Route(Endpoint.NATIVE_PREPAY, "");
        case "/v3/pay/transactions/app":
          return new Route(Endpoint.APP_PREPAY, "");
        case "/v3/pay/transactions/h5":
          return new Route(Endpoint.H5_PREPAY, "");
        case "/v3/refund/domestic/refunds":
          return new Route(Endpoint.REFUND, "");
        default:
          m = CLOSE_ORDER.matcher(path);
          return m.matches() ? new Route(Endpoint.CLOSE_ORDER, decode(m.group(1))) : null;
      }
    }
    if (method.equals("GET")) {
      if (path.equals("/v3/certificates")) {
        return new Route(Endpoint.CERTIFICATES, "");
      }
      m = QUERY_ORDER.matcher(path);
      if (m.matches()) {
        return new Route(Endpoint.QUERY_ORDER, decode(m.group(1)));
      }
      m = QUERY_REFUND.matcher(path);
      if (m.matches()) {
        return new Route(Endpoint.QUERY_REFUND, decode(m.group(1)));
      }
    }
    return null;
  }

  private static Answer notFound(String path) {
    return error(404, "NOT_FOUND", "微信支付模拟器不提供该接口: " + path);
  }

  static Answer error(int status, String code, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", code);
    n.put("message", message);
    return new Answer(status, write(n), code, Duration.ZERO);
  }

  private static Answer paramError(String field, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", "PARAM_ERROR");
    n.put("message", message);
    ObjectNode detail = n.putObject("detail");
    detail.put("field", field);
    detail.put("location", "body");
    return new Answer(400, write(n), "PARAM_ERROR", Duration.ZERO);
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String format(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        instant.atZone(CHINA).truncatedTo(ChronoUnit.SECONDS));
  }

  private static @Nullable String text(@Nullable JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  /** Random digits, prefixed by a sequence number so that ids never repeat within a simulator. */
  String digits(int length) {
    StringBuilder s = new StringBuilder(Long.toString(sequence.incrementAndGet()));
    while (s.length() < length) {
      s.append(random.nextInt(10));
    }
    return s.toString();
  }
}
