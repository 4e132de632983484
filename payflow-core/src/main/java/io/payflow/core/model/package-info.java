/**
 * The order-payment domain model: orders, payments (支付单), refunds (退款单), their statuses and
 * transition tables.
 */
@NullMarked
package io.payflow.core.model;

import org.jspecify.annotations.NullMarked;
