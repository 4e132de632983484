package io.payflow.core.channel;

import java.util.Map;

/**
 * A channel's answer to a prepay.
 *
 * @param prepayData what to store on the payment to resume it later without a new prepay (e.g.
 *     {@code prepay_id}, {@code code_url}, {@code h5_url})
 * @param payParams what the front end needs to pay, e.g. the {@code wx.requestPayment} parameters
 *     for JSAPI, {@code code_url} for Native
 */
public record Prepaid(Map<String, String> prepayData, Map<String, String> payParams) {

  public Prepaid {
    prepayData = Map.copyOf(prepayData);
    payParams = Map.copyOf(payParams);
  }
}
