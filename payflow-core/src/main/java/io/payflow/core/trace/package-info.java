/** The flow trace of an order and its rendering as a Mermaid sequence diagram. */
@NullMarked
package io.payflow.core.trace;

import org.jspecify.annotations.NullMarked;
