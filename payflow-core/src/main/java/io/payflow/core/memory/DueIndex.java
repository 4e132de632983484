package io.payflow.core.memory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** The indexes of one kind of due work; threadsafe, items change under their own monitor. */
final class DueIndex {
  /** Items in their due status, by key. */
  final ConcurrentHashMap<String, WorkItem> items = new ConcurrentHashMap<>();

  /** Never-claimed items by due field, then key. */
  final ConcurrentSkipListSet<DueEntry> fresh = new ConcurrentSkipListSet<>();

  /** Claimed (or deferred) items by when they are free again, then key. */
  final ConcurrentSkipListSet<DueEntry> free = new ConcurrentSkipListSet<>();

  /** Every item by due field, then key, for the views. */
  final ConcurrentSkipListSet<DueEntry> byDue = new ConcurrentSkipListSet<>();

  /** Takes the item off the claim indexes (fresh or free). Called with the item's monitor. */
  void unlist(WorkItem item) {
    DueEntry f = item.freshEntry;
    if (f != null) {
      fresh.remove(f);
      item.freshEntry = null;
    }
    DueEntry c = item.freeEntry;
    if (c != null) {
      free.remove(c);
      item.freeEntry = null;
    }
  }
}
