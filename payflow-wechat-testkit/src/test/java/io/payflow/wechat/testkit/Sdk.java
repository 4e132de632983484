package io.payflow.wechat.testkit;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;

/** The official SDK (wechatpay-java) wired to a simulator, as a shop's code would be. */
final class Sdk {
  final RSAPublicKeyConfig config;
  final HttpClient http;
  final NativePayService nativePay;
  final JsapiServiceExtension jsapi;
  final H5Service h5;
  final RefundService refunds;

  Sdk(WechatPaySimulator sim) {
    this(sim, publicKeyConfig(sim));
  }

  Sdk(WechatPaySimulator sim, RSAPublicKeyConfig config) {
    this.config = config;
    // The SDK's services call https://api.mch.weixin.qq.com; the interceptor sends that to the
    // simulator without changing the signed path.
    this.http = httpClient(sim, config);
    this.nativePay = new NativePayService.Builder().httpClient(http).build();
    this.jsapi = new JsapiServiceExtension.Builder().config(config).httpClient(http).build();
    this.h5 = new H5Service.Builder().httpClient(http).build();
    this.refunds = new RefundService.Builder().httpClient(http).build();
  }

  static RSAPublicKeyConfig publicKeyConfig(WechatPaySimulator sim) {
    return new RSAPublicKeyConfig.Builder()
        .merchantId(sim.merchantId())
        .privateKey(sim.merchantPrivateKeyPem())
        .merchantSerialNumber(sim.merchantSerialNumber())
        .publicKey(sim.platformPublicKeyPem())
        .publicKeyId(sim.platformPublicKeyId())
        .apiV3Key(sim.apiV3Key())
        .build();
  }

  static HttpClient httpClient(WechatPaySimulator sim, Config config) {
    return new DefaultHttpClientBuilder().config(config).okHttpClient(sim.okHttpClient()).build();
  }
}
