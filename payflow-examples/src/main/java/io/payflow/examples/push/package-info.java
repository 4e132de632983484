/** Notifications of the demo shop: an SMS that is logged and a live push to the checkout page. */
@NullMarked
package io.payflow.examples.push;

import org.jspecify.annotations.NullMarked;
