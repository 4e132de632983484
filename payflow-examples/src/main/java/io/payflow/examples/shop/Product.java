package io.payflow.examples.shop;

/**
 * A product of the demo shop as seeded at start-up.
 *
 * @param sku the stock-keeping unit id
 * @param name what the buyer sees
 * @param price the unit price in fen
 * @param initialStock units for sale when the shop starts
 */
public record Product(String sku, String name, long price, long initialStock) {}
