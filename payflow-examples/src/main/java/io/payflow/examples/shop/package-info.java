/** The demo shop's products, stock, prices and fulfilment, kept in memory. */
@NullMarked
package io.payflow.examples.shop;

import org.jspecify.annotations.NullMarked;
