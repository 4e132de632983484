/** The JDBC implementations behind payflow-jdbc's public types; not an API. */
@NullMarked
package io.payflow.jdbc.internal;

import org.jspecify.annotations.NullMarked;
