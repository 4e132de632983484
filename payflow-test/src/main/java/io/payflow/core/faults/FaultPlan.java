package io.payflow.core.faults;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which faults to inject: armed faults, each firing on the next call that matches it, and a log of
 * those that fired. Threadsafe.
 */
public final class FaultPlan {

  /** Any {@code PayFlow} instance. */
  public static final int ANY_NODE = -1;

  /** An armed fault: fires once on the first call at {@code boundary} that matches. */
  public record Armed(Boundary boundary, FaultKind kind, int node, Predicate<String> key) {
    @Override
    public String toString() {
      return kind + "@" + boundary + (node == ANY_NODE ? "" : "#" + node);
    }
  }

  /** A fault that fired: where, how, on which instance, and the call's key (order, effect, ...). */
  public record Fired(Boundary boundary, FaultKind kind, int node, String key) {}

  /**
   * Runs before every call at a boundary, on the calling thread: a test holds a call here (to force
   * an interleaving) or makes it fail in its own way by throwing.
   */
  @FunctionalInterface
  public interface Hook {
    void before(Boundary boundary, int node, String key);
  }

  private volatile Hook hook = (boundary, node, key) -> {};

  /** Sets the hook that runs before every call at a boundary. */
  public FaultPlan hook(Hook value) {
    this.hook = value;
    return this;
  }

  Hook hook() {
    return hook;
  }

  private final List<Armed> armed = new ArrayList<>();
  private final List<Fired> fired = new ArrayList<>();

  /** Arms one fault for the next call at this boundary from any instance. */
  public FaultPlan arm(Boundary boundary, FaultKind kind) {
    return arm(new Armed(boundary, kind, ANY_NODE, k -> true));
  }

  public synchronized FaultPlan arm(Armed fault) {
    armed.add(fault);
    return this;
  }

  /** Disarms every fault that has not fired yet. */
  public synchronized void disarm() {
    armed.clear();
  }

  /** The fault to inject into this call, or null; an injected fault is disarmed and logged. */
  synchronized @Nullable FaultKind decide(Boundary boundary, int node, String key) {
    for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
      Armed a = it.next();
      if (a.boundary() == boundary
          && (a.node() == ANY_NODE || a.node() == node)
          && a.key().test(key)) {
        it.remove();
        fired.add(new Fired(boundary, a.kind(), node, key));
        return a.kind();
      }
    }
    return null;
  }

  public synchronized List<Fired> fired() {
    return List.copyOf(fired);
  }

  public synchronized List<Armed> armed() {
    return List.copyOf(armed);
  }
}
