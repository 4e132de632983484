package io.payflow.wechat;

import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.model.TradeType;
import io.payflow.wechat.testkit.NotificationRequest;
import io.payflow.wechat.testkit.SigningMode;
import io.payflow.wechat.testkit.WechatPaySimulator;
import java.time.Duration;
import java.time.Instant;

/**
 * Wires a {@link WechatPayChannel} to a {@link WechatPaySimulator} with the simulator's generated
 * keys, as a shop would wire it to WeChat Pay with the keys from the merchant platform.
 */
final class SimulatorChannels {

  /** Https, as the config requires; the simulator never calls it (tests parse notifications). */
  static final String NOTIFY_URL = "https://shop.example.com/pay/wechat/notify";

  static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  private SimulatorChannels() {}

  /** A config for the simulator's merchant, verifying as the simulator signs. */
  static WechatPayConfig.Builder configFor(WechatPaySimulator sim) {
    WechatPayConfig.Builder config =
        WechatPayConfig.builder()
            .merchantId(sim.merchantId())
            .appId(sim.appId())
            .merchantSerialNumber(sim.merchantSerialNumber())
            .merchantPrivateKey(sim.merchantPrivateKeyPem())
            .apiV3Key(sim.apiV3Key())
            .notifyUrl(NOTIFY_URL)
            .baseUrl(sim.baseUrl());
    if (sim.signingMode() == SigningMode.CERTIFICATE) {
      return config.verificationMode(VerificationMode.CERTIFICATE);
    }
    return config
        .verificationMode(VerificationMode.PUBLIC_KEY)
        .wechatPayPublicKeyId(sim.platformPublicKeyId())
        .wechatPayPublicKey(sim.platformPublicKeyPem());
  }

  static WechatPayChannel channelFor(WechatPaySimulator sim) {
    return WechatPayChannel.create(configFor(sim).build());
  }

  static PrepayRequest prepay(String paymentNo, TradeType type, long amount) {
    return new PrepayRequest(
        paymentNo,
        "ORDER-" + paymentNo,
        type,
        amount,
        "Coffee x1",
        Instant.now().plus(Duration.ofMinutes(30)),
        type == TradeType.JSAPI ? OPENID : null,
        type == TradeType.H5 ? "203.0.113.7" : null);
  }

  /** The notification exactly as WeChat would POST it: raw body, headers. */
  static CallbackRequest asCallback(NotificationRequest notification) {
    return new CallbackRequest(notification.body(), notification.headers());
  }
}
