/** The small interfaces a host implements to plug in its persistence and business services. */
@NullMarked
package io.payflow.core.spi;

import org.jspecify.annotations.NullMarked;
