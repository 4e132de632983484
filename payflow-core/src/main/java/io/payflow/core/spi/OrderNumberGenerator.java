package io.payflow.core.spi;

/**
 * Makes order, payment and refund numbers. Every number must be unique, at most 32 characters of
 * {@code [0-9A-Za-z_-]} (WeChat's rule for {@code out_trade_no}). Implementations are threadsafe.
 */
public interface OrderNumberGenerator {

  /** A new order number. */
  String newOrderNo();

  /** A new payment number for the {@code attempt}-th payment (from 1) of an order. */
  String newPaymentNo(String orderNo, int attempt);

  /** A new refund number for the {@code attempt}-th refund (from 1) of an order. */
  String newRefundNo(String orderNo, int attempt);
}
