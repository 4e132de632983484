package io.payflow.wechat.testkit;

/** The WeChat Pay v3 endpoints the simulator serves, used to inject faults and count calls. */
public enum Endpoint {
  /** {@code POST /v3/pay/transactions/jsapi} (JSAPI and mini-program prepay). */
  JSAPI_PREPAY("POST", "/v3/pay/transactions/jsapi"),
  /** {@code POST /v3/pay/transactions/native} (QR code prepay). */
  NATIVE_PREPAY("POST", "/v3/pay/transactions/native"),
  /** {@code POST /v3/pay/transactions/app}. */
  APP_PREPAY("POST", "/v3/pay/transactions/app"),
  /** {@code POST /v3/pay/transactions/h5}. */
  H5_PREPAY("POST", "/v3/pay/transactions/h5"),
  /** {@code GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…}. */
  QUERY_ORDER("GET", "/v3/pay/transactions/out-trade-no/{out_trade_no}"),
  /** {@code POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close}. */
  CLOSE_ORDER("POST", "/v3/pay/transactions/out-trade-no/{out_trade_no}/close"),
  /** {@code POST /v3/refund/domestic/refunds}. */
  REFUND("POST", "/v3/refund/domestic/refunds"),
  /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}. */
  QUERY_REFUND("GET", "/v3/refund/domestic/refunds/{out_refund_no}"),
  /** {@code GET /v3/certificates}. */
  CERTIFICATES("GET", "/v3/certificates");

  private final String method;
  private final String pathTemplate;

  Endpoint(String method, String pathTemplate) {
    this.method = method;
    this.pathTemplate = pathTemplate;
  }

  /**
   * Returns the HTTP method.
   *
   * @return the HTTP method, e.g. {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the path as WeChat documents it.
   *
   * @return the path template, with {@code {placeholders}}
   */
  public String pathTemplate() {
    return pathTemplate;
  }
}
