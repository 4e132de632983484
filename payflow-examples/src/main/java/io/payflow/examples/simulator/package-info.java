/** The in-process WeChat Pay simulator of the demo and the simulated payer's endpoints. */
@NullMarked
package io.payflow.examples.simulator;

import org.jspecify.annotations.NullMarked;
