package io.payflow.core.faults;

import io.payflow.core.PayFlow;
import java.util.concurrent.ExecutorService;

/**
 * One incarnation of a {@code PayFlow} instance in a {@link FaultWorld}: its own SPI wrappers and
 * effect threads over the world's shared store, inventory and channel. Once crashed it is dead for
 * good: every SPI call it still makes throws {@link InjectedCrash} before reaching anything.
 * Threadsafe.
 */
public final class Node {

  final int slot;
  final int incarnation;
  volatile boolean dead;
  PayFlow flow;
  ExecutorService executor;

  Node(int slot, int incarnation) {
    this.slot = slot;
    this.incarnation = incarnation;
  }

  public PayFlow flow() {
    return flow;
  }

  public boolean dead() {
    return dead;
  }

  public int slot() {
    return slot;
  }

  /** Crashes this instance: from now on it reaches nothing. */
  void kill() {
    dead = true;
  }

  @Override
  public String toString() {
    return "node " + slot + "." + incarnation + (dead ? " (crashed)" : "");
  }
}
