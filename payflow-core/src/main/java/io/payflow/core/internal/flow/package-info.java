/**
 * The write path shared by every use case: the draft of one transition ({@link
 * io.payflow.core.internal.flow.Change}), the transactor that stores it as one compare-and-set, the
 * typed effects and their codec, the flow steps and the tracer that draws them. Not an API.
 */
@NullMarked
package io.payflow.core.internal.flow;

import org.jspecify.annotations.NullMarked;
