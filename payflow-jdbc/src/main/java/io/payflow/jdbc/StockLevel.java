package io.payflow.jdbc;

/**
 * The stock of one sku in a {@link JdbcInventoryService}.
 *
 * @param sku the sku
 * @param available units for sale now
 * @param reserved units held by reservations neither confirmed nor released
 * @param sold units of confirmed reservations
 */
public record StockLevel(String sku, long available, long reserved, long sold) {}
