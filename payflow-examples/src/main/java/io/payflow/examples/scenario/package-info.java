/** Plays the reference diagram's four branches against the demo and writes their diagrams. */
@NullMarked
package io.payflow.examples.scenario;

import org.jspecify.annotations.NullMarked;
