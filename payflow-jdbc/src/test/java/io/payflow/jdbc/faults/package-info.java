/** Issue 9's fault runs, generated histories and several-instance runs on real databases. */
@NullMarked
package io.payflow.jdbc.faults;

import org.jspecify.annotations.NullMarked;
