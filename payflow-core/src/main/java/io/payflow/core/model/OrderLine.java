package io.payflow.core.model;

/**
 * One line of an order: a sku, how many, and the unit price the buyer saw, in fen (分).
 *
 * <p>The record only holds values; {@code PayFlow#createOrder} validates them and says which field
 * is wrong.
 *
 * @param sku the host's stock-keeping unit id
 * @param quantity how many units, at least 1
 * @param unitPrice the price of one unit in fen, at least 1
 */
public record OrderLine(String sku, int quantity, long unitPrice) {

  /**
   * The line amount in fen.
   *
   * @throws ArithmeticException if it does not fit a {@code long}
   */
  public long amount() {
    return Math.multiplyExact(unitPrice, (long) quantity);
  }
}
