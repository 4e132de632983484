package io.payflow.core.memory;

import java.time.Instant;

/** An immutable index entry: a time and the item it lists, ordered by time then key; threadsafe. */
final class DueEntry implements Comparable<DueEntry> {
  final Instant at;
  final WorkItem item;

  DueEntry(Instant at, WorkItem item) {
    this.at = at;
    this.item = item;
  }

  @Override
  public int compareTo(DueEntry o) {
    int c = at.compareTo(o.at);
    return c != 0 ? c : item.key.compareTo(o.item.key);
  }
}
