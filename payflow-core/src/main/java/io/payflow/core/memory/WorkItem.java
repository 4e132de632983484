package io.payflow.core.memory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One item of due work while it is in its due status: its due field, its claim state (attempts, and
 * when it is free again) and the index entries that list it. Not threadsafe: changed under its own
 * monitor.
 */
final class WorkItem {
  final String key;
  final String orderNo;
  Instant due;
  volatile Object value;
  volatile boolean live = true;
  int attempts;
  volatile @Nullable DueEntry freshEntry;
  volatile @Nullable DueEntry freeEntry;
  volatile @Nullable DueEntry byDueEntry;

  WorkItem(String key, String orderNo, Instant due, Object value) {
    this.key = key;
    this.orderNo = orderNo;
    this.due = due;
    this.value = value;
  }
}
