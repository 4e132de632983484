/** The payflow demo shop: a runnable Spring Boot application on the payflow starter. */
@NullMarked
package io.payflow.examples;

import org.jspecify.annotations.NullMarked;
