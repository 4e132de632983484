package io.payflow.core.memory;

import org.jspecify.annotations.Nullable;

/** One trace step after the steps before it, shared by {@link TraceBook}; threadsafe. */
final class TraceNode {
  final @Nullable TraceNode parent;
  final Shape shape;
  final int length;

  TraceNode(@Nullable TraceNode parent, Shape shape) {
    this.parent = parent;
    this.shape = shape;
    this.length = parent == null ? 1 : parent.length + 1;
  }
}
