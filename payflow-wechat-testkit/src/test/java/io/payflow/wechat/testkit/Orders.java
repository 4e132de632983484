package io.payflow.wechat.testkit;

import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import java.util.concurrent.atomic.AtomicInteger;

/** Request fixtures. */
final class Orders {
  static final String NOTIFY_URL = "https://shop.example.com/wechat/notify";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Orders() {}

  static String newOutTradeNo() {
    return "T" + System.nanoTime() % 1_000_000_000L + "-" + SEQUENCE.incrementAndGet();
  }

  static com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest nativePrepay(
      WechatPaySimulator sim, String outTradeNo, long total) {
    var request = new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
    request.setAppid(sim.appId());
    request.setMchid(sim.merchantId());
    request.setDescription("payflow 测试商品");
    request.setOutTradeNo(outTradeNo);
    request.setNotifyUrl(NOTIFY_URL);
    request.setTimeExpire("2030-01-01T12:00:00+08:00");
    var amount = new com.wechat.pay.java.service.payments.nativepay.model.Amount();
    amount.setTotal((int) total);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    return request;
  }

  static com.wechat.pay.java.service.refund.model.CreateRequest fullRefund(
      String outTradeNo, String outRefundNo, long total) {
    var request = new com.wechat.pay.java.service.refund.model.CreateRequest();
    request.setOutTradeNo(outTradeNo);
    request.setOutRefundNo(outRefundNo);
    var amount = new com.wechat.pay.java.service.refund.model.AmountReq();
    amount.setRefund(total);
    amount.setTotal(total);
    amount.setCurrency("CNY");
    request.setAmount(amount);
    return request;
  }

  static com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest jsapiPrepay(
      WechatPaySimulator sim, String outTradeNo, long total, String openid) {
    var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
    request.setAppid(sim.appId());
    request.setMchid(sim.merchantId());
    request.setDescription("payflow 测试商品");
    request.setOutTradeNo(outTradeNo);
    request.setNotifyUrl(NOTIFY_URL);
    var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
    amount.setTotal((int) total);
    request.setAmount(amount);
    if (openid != null) {
      Payer payer = new Payer();
      payer.setOpenid(openid);
      request.setPayer(payer);
    }
    return request;
  }
}
