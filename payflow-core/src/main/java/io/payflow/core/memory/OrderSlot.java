package io.payflow.core.memory;

import io.payflow.core.model.OrderRecord;
import java.time.Instant;

/** One order: record, effect ids, trace; not threadsafe, written under its own monitor. */
final class OrderSlot {
  private static final String[] NO_IDS = {};

  final String orderNo;
  final Instant createdAt;
  volatile OrderRecord record;
  volatile String[] effectIds = NO_IDS;
  volatile CompactTrace trace;

  OrderSlot(OrderRecord record, CompactTrace trace) {
    this.orderNo = record.order().orderNo();
    this.createdAt = record.order().createdAt();
    this.record = record;
    this.trace = trace;
  }
}
