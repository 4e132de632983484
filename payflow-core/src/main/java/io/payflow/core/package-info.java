/** The payflow facade, its configuration and the exceptions a caller can act on. */
@NullMarked
package io.payflow.core;

import org.jspecify.annotations.NullMarked;
