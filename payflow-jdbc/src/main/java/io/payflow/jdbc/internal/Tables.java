package io.payflow.jdbc.internal;

/**
 * The names of payflow's tables under one prefix.
 *
 * @param orders orders, one row each
 * @param orderLines the lines of each order
 * @param payments payments (支付单)
 * @param refunds refunds (退款单)
 * @param effects the effects outbox
 * @param trace the flow trace
 * @param stock stock per sku
 * @param reservations one stock reservation per order
 * @param reservationLines the units of each reservation per sku
 * @param schemaVersion the schema versions installed
 */
record Tables(
    String orders,
    String orderLines,
    String payments,
    String refunds,
    String effects,
    String trace,
    String stock,
    String reservations,
    String reservationLines,
    String schemaVersion) {

  static Tables withPrefix(String prefix) {
    return new Tables(
        prefix + "orders",
        prefix + "order_lines",
        prefix + "payments",
        prefix + "refunds",
        prefix + "effects",
        prefix + "trace",
        prefix + "stock",
        prefix + "reservations",
        prefix + "reservation_lines",
        prefix + "schema_version");
  }
}
