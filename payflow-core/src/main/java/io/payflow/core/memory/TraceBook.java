package io.payflow.core.memory;

import io.payflow.core.trace.TraceEntry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Shares the trace steps that orders repeat, bounded; threadsafe. */
final class TraceBook {

  private static final int SHARED_TRACE_STEPS = 1 << 15;

  private final ConcurrentHashMap<Step, TraceNode> traceSteps = new ConcurrentHashMap<>();

  /** The trace with these entries appended, the steps that orders repeat shared. */
  CompactTrace compact(CompactTrace trace, List<TraceEntry> entries) {
    CompactTrace result = trace;
    for (TraceEntry e : entries) {
      Shape shape = new Shape(e.from(), e.to(), e.message(), e.reply(), e.block());
      result = result.plus(step(result.last, shape), e.at());
    }
    return result;
  }

  /**
   * The trace node that follows {@code parent} with {@code shape}: one shared node for every order
   * whose trace so far is the same sequence of steps (so a thousand orders that went the same way
   * share one chain). Bounded, so never a leak: past the bound a node is simply not shared.
   */
  private TraceNode step(@Nullable TraceNode parent, Shape shape) {
    Step key = new Step(parent, shape);
    TraceNode shared = traceSteps.get(key);
    if (shared != null) {
      return shared;
    }
    TraceNode node = new TraceNode(parent, shape);
    if (traceSteps.size() >= SHARED_TRACE_STEPS) {
      return node;
    }
    shared = traceSteps.putIfAbsent(key, node);
    return shared != null ? shared : node;
  }

  /** The key of a shared trace node: its parent (by identity) and its shape. */
  private record Step(@Nullable TraceNode parent, Shape shape) {

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Step s && parent == s.parent && shape.equals(s.shape);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(parent) + shape.hashCode();
    }
  }
}
