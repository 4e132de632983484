package io.payflow.core.memory;

import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The due-work indexes of every kind, their claims and views; threadsafe. */
final class DueWorkBook {

  private final Map<DueWorkKind, DueIndex> due = new EnumMap<>(DueWorkKind.class);

  DueWorkBook() {
    for (DueWorkKind kind : DueWorkKind.values()) {
      due.put(kind, new DueIndex());
    }
  }

  List<DueWork> claimDueWork(
      DueWorkKind kind, Instant cutoff, Instant now, Instant leaseUntil, int limit) {
    DueIndex index = due.get(kind);
    List<DueWork> claimed = new ArrayList<>(Math.min(limit, 100));
    Set<String> taken = new HashSet<>();
    for (DueEntry e : index.fresh) {
      if (claimed.size() >= limit || e.at.isAfter(cutoff)) {
        break;
      }
      claim(kind, index, e, e.item.freshEntry, cutoff, leaseUntil, claimed, taken);
    }
    for (DueEntry e : index.free) {
      if (claimed.size() >= limit || e.at.isAfter(now)) {
        break;
      }
      claim(kind, index, e, e.item.freeEntry, cutoff, leaseUntil, claimed, taken);
    }
    return claimed;
  }

  private static void claim(
      DueWorkKind kind,
      DueIndex index,
      DueEntry entry,
      @Nullable DueEntry seenAs,
      Instant cutoff,
      Instant leaseUntil,
      List<DueWork> claimed,
      Set<String> taken) {
    WorkItem item = entry.item;
    if (seenAs != entry || taken.contains(item.key)) {
      return; // claimed, deferred or changed since the index was read
    }
    synchronized (item) {
      boolean current = item.freshEntry == entry || item.freeEntry == entry;
      if (!item.live || !current || item.due.isAfter(cutoff)) {
        return;
      }
      index.unlist(item);
      item.attempts++;
      item.freeEntry = new DueEntry(leaseUntil, item);
      index.free.add(item.freeEntry);
      taken.add(item.key);
      claimed.add(new DueWork(kind, item.key, item.orderNo, item.attempts));
    }
  }

  void deferDueWork(DueWorkKind kind, String key, Instant dueAt) {
    DueIndex index = due.get(kind);
    WorkItem item = index.items.get(key);
    if (item == null) {
      return; // gone, or no longer due
    }
    synchronized (item) {
      if (!item.live) {
        return;
      }
      index.unlist(item);
      item.freeEntry = new DueEntry(dueAt, item);
      index.free.add(item.freeEntry);
    }
  }

  List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit) {
    List<Payment> found = new ArrayList<>();
    for (DueEntry e : due.get(DueWorkKind.PAYMENT_CHECK).byDue) {
      if (found.size() >= limit || !e.at.isBefore(createdBefore)) {
        break;
      }
      if (listed(e) && e.item.value instanceof Payment p) {
        found.add(p);
      }
    }
    return found;
  }

  List<Refund> findRefundsAwaitingResult(Instant updatedBefore, int limit) {
    List<Refund> found = new ArrayList<>();
    for (DueEntry e : due.get(DueWorkKind.REFUND_CHECK).byDue) {
      if (found.size() >= limit || !e.at.isBefore(updatedBefore)) {
        break;
      }
      if (listed(e) && e.item.value instanceof Refund r) {
        found.add(r);
      }
    }
    return found;
  }

  /** Whether this view entry is the item's current one (not one being replaced). */
  private static boolean listed(DueEntry e) {
    return e.item.live && e.item.byDueEntry == e;
  }

  /**
   * Brings the due-work indexes in line with a record's new state: items that became due are
   * listed, items whose due field moved are re-listed, items that left their due status are dropped
   * with their claim state. Called with the order's monitor held.
   */
  void indexDueWork(@Nullable OrderRecord before, OrderRecord after) {
    Order order = after.order();
    track(
        DueWorkKind.EXPIRY,
        order.orderNo(),
        order.orderNo(),
        isDue(order.status()) ? order.expiresAt() : null,
        order);
    for (Payment p : after.payments()) {
      track(
          DueWorkKind.PAYMENT_CHECK,
          p.paymentNo(),
          order.orderNo(),
          isDue(p.status()) ? p.createdAt() : null,
          p);
    }
    for (Refund r : after.refunds()) {
      track(
          DueWorkKind.REFUND_CHECK,
          r.refundNo(),
          order.orderNo(),
          isDue(r.status()) ? r.updatedAt() : null,
          r);
    }
  }

  /** Lists, re-lists or drops one item; {@code dueAt} null means it is not in a due status. */
  private void track(
      DueWorkKind kind, String key, String orderNo, @Nullable Instant dueAt, Object value) {
    DueIndex index = due.get(kind);
    WorkItem item = index.items.get(key);
    if (dueAt == null) {
      if (item != null) {
        synchronized (item) {
          item.live = false;
          index.unlist(item);
          index.byDue.remove(item.byDueEntry);
          index.items.remove(key, item);
        }
      }
      return;
    }
    if (item == null) {
      item = new WorkItem(key, orderNo, dueAt, value);
      synchronized (item) {
        item.freshEntry = new DueEntry(dueAt, item);
        item.byDueEntry = new DueEntry(dueAt, item);
        index.items.put(key, item);
        index.byDue.add(item.byDueEntry);
        index.fresh.add(item.freshEntry);
      }
      return;
    }
    synchronized (item) {
      item.value = value;
      if (!item.due.equals(dueAt)) {
        item.due = dueAt;
        index.byDue.remove(item.byDueEntry);
        item.byDueEntry = new DueEntry(dueAt, item);
        index.byDue.add(item.byDueEntry);
        if (item.freshEntry != null) {
          index.fresh.remove(item.freshEntry);
          item.freshEntry = new DueEntry(dueAt, item);
          index.fresh.add(item.freshEntry);
        }
      }
    }
  }

  private static boolean isDue(OrderStatus s) {
    return s == OrderStatus.RESERVING || s == OrderStatus.PENDING_PAYMENT;
  }

  private static boolean isDue(PaymentStatus s) {
    return s == PaymentStatus.CREATED || s == PaymentStatus.PREPAID || s == PaymentStatus.UNKNOWN;
  }

  private static boolean isDue(RefundStatus s) {
    return s == RefundStatus.CREATED || s == RefundStatus.PROCESSING;
  }
}
