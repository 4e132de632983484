package io.payflow.core.faults;

import io.payflow.core.effect.Effect;
import io.payflow.core.event.EffectDead;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.Payment;
import io.payflow.core.model.Refund;
import io.payflow.core.spi.NotificationType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The invariants of payflow's promise, "nothing lost, nothing twice", judged on a settled {@link
 * FaultWorld}: its store, the stock ledger, the simulated channel's truth, the deliveries and the
 * events. Returns every violation in words; none means the promise held. Threadsafe (no state).
 */
public final class InvariantChecker {

  static final Set<String> PAID =
      Set.of("PAID", "FULFILLING", "REFUNDING", "REFUNDED", "PARTIALLY_REFUNDED");
  static final Set<String> UNPAID_FINAL = Set.of("CLOSED", "PAYMENT_FAILED");
  static final Set<String> SETTLED_PAYMENTS =
      Set.of("SUCCEEDED", "FAILED", "CLOSED", "PREPAY_FAILED");
  static final Set<String> SETTLED_REFUNDS = Set.of("SUCCEEDED", "FAILED");

  private InvariantChecker() {}

  /** Every violation of the world as it stands (call after {@link FaultWorld#settle()}). */
  public static List<String> check(FaultWorld w) {
    List<String> v = new ArrayList<>();
    Map<String, StockLedger.Entry> stock = w.stock.entries();
    Map<String, OrderRecord> records = new LinkedHashMap<>();
    for (String orderNo : w.orderNos()) {
      w.store.load(orderNo).ifPresent(r -> records.put(orderNo, r));
    }
    for (Map.Entry<String, StockLedger.Entry> e : stock.entrySet()) {
      if (!records.containsKey(e.getKey()) && e.getValue().state() == StockLedger.State.RESERVED) {
        v.add(
            "stock "
                + e.getValue()
                + " is reserved for order "
                + e.getKey()
                + " which does not exist");
      }
    }
    for (OrderRecord r : records.values()) {
      checkOrder(w, r, stock.get(r.order().orderNo()), v);
    }
    checkChannel(w, records, v);
    checkDeliveries(w, records, v);
    checkStockLevels(w, v);
    w.stock.anomalies().forEach(a -> v.add("stock: " + a));
    w.channel.anomalies().forEach(a -> v.add("channel: " + a));
    w.notes().forEach(n -> v.add("unexpected: " + n));
    return v;
  }

  private static void checkOrder(
      FaultWorld w, OrderRecord r, StockLedger.Entry entry, List<String> v) {
    Order o = r.order();
    String no = o.orderNo();
    String status = o.status().name();
    if (!PAID.contains(status) && !UNPAID_FINAL.contains(status) || status.equals("REFUNDING")) {
      v.add("order " + no + " is left " + status + " although every sweep ran");
    }
    for (Payment p : r.payments()) {
      if (!SETTLED_PAYMENTS.contains(p.status().name())) {
        v.add("payment " + p.paymentNo() + " of order " + no + " is left " + p.status());
      }
    }
    for (Refund f : r.refunds()) {
      if (!SETTLED_REFUNDS.contains(f.status().name())) {
        v.add("refund " + f.refundNo() + " of order " + no + " is left " + f.status());
      }
    }
    // stock: reserved once, then confirmed (paid) or released (not paid), never both
    Map<String, Long> units = new HashMap<>();
    for (OrderLine l : o.lines()) {
      units.merge(l.sku(), (long) l.quantity(), Long::sum);
    }
    if (entry == null) {
      if (PAID.contains(status)) {
        v.add("paid order " + no + " (" + status + ") never had stock reserved");
      }
    } else {
      if (!entry.units().equals(units)) {
        v.add("order " + no + " has " + units + " but its reservation holds " + entry);
      }
      if (PAID.contains(status) && entry.state() != StockLedger.State.CONFIRMED) {
        v.add("paid order " + no + " (" + status + ") has stock " + entry + ", not confirmed");
      }
      if (UNPAID_FINAL.contains(status) && entry.state() != StockLedger.State.RELEASED) {
        v.add("unpaid order " + no + " (" + status + ") has stock " + entry + ", not released");
      }
    }
    // effects: every one done, and one that died was announced
    for (Effect e : w.store.findEffects(no)) {
      if (!e.status().name().equals("DONE")) {
        v.add("effect " + e.id() + " is left " + e.status() + " (" + e.lastError() + ")");
      }
    }
    // money: each success applied once or refunded once
    Map<String, List<Refund>> lateRefunds = new HashMap<>();
    for (Refund f : r.refunds()) {
      if (isLate(f)) {
        lateRefunds.computeIfAbsent(f.paymentNo(), k -> new ArrayList<>()).add(f);
      }
    }
    List<Payment> paying = new ArrayList<>();
    for (Payment p : r.payments()) {
      List<Refund> late = lateRefunds.getOrDefault(p.paymentNo(), List.of());
      if (late.size() > 1) {
        v.add("payment " + p.paymentNo() + " was refunded as late " + late.size() + " times");
      }
      for (Refund f : late) {
        if (f.amount() != p.amount()) {
          v.add("late refund " + f.refundNo() + " gives back " + f.amount() + " of " + p.amount());
        }
      }
      if (p.status().name().equals("SUCCEEDED") && late.isEmpty()) {
        paying.add(p);
      }
      if (!p.status().name().equals("SUCCEEDED") && !late.isEmpty()) {
        v.add("payment " + p.paymentNo() + " is refunded but " + p.status());
      }
    }
    int expected = PAID.contains(status) ? 1 : 0;
    if (paying.size() != expected) {
      v.add(
          "order "
              + no
              + " ("
              + status
              + ") is paid by "
              + paying.stream().map(Payment::paymentNo).toList()
              + " (refunded late: "
              + lateRefunds.keySet()
              + ")");
    }
    long refunded =
        r.refunds().stream()
            .filter(f -> !isLate(f) && f.status().name().equals("SUCCEEDED"))
            .mapToLong(Refund::amount)
            .sum();
    if (refunded != o.refundedAmount()) {
      v.add(
          "order " + no + " says " + o.refundedAmount() + " fen refunded, its refunds " + refunded);
    }
    if (o.refundedAmount() > o.totalAmount()) {
      v.add("order " + no + " refunded " + o.refundedAmount() + " of " + o.totalAmount());
    }
    if (status.equals("REFUNDED") && o.refundedAmount() != o.totalAmount()) {
      v.add("order " + no + " is REFUNDED with " + o.refundedAmount() + " of " + o.totalAmount());
    }
    if (status.equals("PARTIALLY_REFUNDED")
        && !(o.refundedAmount() > 0 && o.refundedAmount() < o.totalAmount())) {
      v.add("order " + no + " is PARTIALLY_REFUNDED with " + o.refundedAmount());
    }
    Map<String, Long> perPayment = new HashMap<>();
    for (Refund f : r.refunds()) {
      if (!f.status().name().equals("FAILED")) {
        perPayment.merge(f.paymentNo(), f.amount(), Long::sum);
      }
    }
    for (Payment p : r.payments()) {
      long back = perPayment.getOrDefault(p.paymentNo(), 0L);
      if (back > p.amount()) {
        v.add("payment " + p.paymentNo() + " of " + p.amount() + " has refunds of " + back);
      }
    }
  }

  private static void checkChannel(FaultWorld w, Map<String, OrderRecord> records, List<String> v) {
    Set<String> deadAnnounced =
        w.events.of(EffectDead.class).stream()
            .map(e -> e.effect().id())
            .collect(Collectors.toSet());
    Set<String> parkLost = new HashSet<>();
    for (FaultPlan.Fired f : w.faults.fired()) {
      if (f.boundary() == Boundary.STORE_PARK_EFFECT
          && (f.kind() == FaultKind.THROW_AFTER || f.kind() == FaultKind.CRASH_AFTER)) {
        parkLost.add(f.key()); // parked, then the instance lost the answer: no event follows
      }
    }
    synchronized (w.deadSeen) {
      for (String id : w.deadSeen) {
        if (!deadAnnounced.contains(id) && !parkLost.contains(id)) {
          v.add("effect " + id + " went DEAD without an EffectDead event");
        }
      }
    }
    for (SimulatedChannel.ChannelPayment cp : w.channel.payments()) {
      OrderRecord r = records.get(cp.orderNo());
      Optional<Payment> stored = r == null ? Optional.empty() : r.payment(cp.paymentNo());
      if (stored.isEmpty()) {
        v.add("the channel has payment " + cp + " that the store does not know");
        continue;
      }
      Payment p = stored.get();
      if (cp.paid() && !p.status().name().equals("SUCCEEDED")) {
        v.add(
            "the channel says "
                + cp
                + " was paid; the store has it "
                + p.status()
                + " and order "
                + r.order().orderNo()
                + " "
                + r.order().status()
                + ": neither applied nor refunded");
      }
      if (cp.state() == SimulatedChannel.TradeState.NOTPAY
          && (UNPAID_FINAL.contains(r.order().status().name())
              || PAID.contains(r.order().status().name()))) {
        v.add(
            "payment "
                + cp.paymentNo()
                + " can still be paid at the channel for order "
                + r.order().orderNo()
                + " which is "
                + r.order().status());
      }
    }
    for (SimulatedChannel.ChannelRefund cr : w.channel.refunds()) {
      String orderNo = w.channel.payment(cr.paymentNo()).map(p -> p.orderNo()).orElse("?");
      OrderRecord r = records.get(orderNo);
      Optional<Refund> stored = r == null ? Optional.empty() : r.refund(cr.refundNo());
      if (stored.isEmpty()) {
        v.add("the channel has refund " + cr + " that the store does not know");
      } else if (stored.get().status().name().equals("SUCCEEDED")
              != (cr.status().name().equals("SUCCEEDED"))
          || stored.get().amount() != cr.amount()) {
        v.add("the channel has refund " + cr + ", the store " + stored.get().status());
      }
    }
    for (OrderRecord r : records.values()) {
      for (Refund f : r.refunds()) {
        boolean atChannel =
            w.channel.refunds().stream().anyMatch(cr -> cr.refundNo().equals(f.refundNo()));
        if (f.status().name().equals("SUCCEEDED") && !atChannel) {
          v.add("refund " + f.refundNo() + " is SUCCEEDED but the channel never had it");
        }
      }
    }
  }

  private static void checkDeliveries(
      FaultWorld w, Map<String, OrderRecord> records, List<String> v) {
    List<DeliveryLedger.Delivery> all = w.deliveries.deliveries();
    Map<String, List<DeliveryLedger.Delivery>> byKey = new LinkedHashMap<>();
    Map<String, Set<String>> keysByEvent = new LinkedHashMap<>();
    for (DeliveryLedger.Delivery d : all) {
      byKey.computeIfAbsent(d.notifier + "|" + d.key, k -> new ArrayList<>()).add(d);
      keysByEvent
          .computeIfAbsent(d.notifier + "|" + d.orderNo + "|" + d.type, k -> new HashSet<>())
          .add(d.key);
    }
    for (List<DeliveryLedger.Delivery> same : byKey.values()) {
      for (int k = 1; k < same.size(); k++) {
        DeliveryLedger.Delivery later = same.get(k);
        for (int j = 0; j < k; j++) {
          if (same.get(j).recordedSeq < later.seq) {
            v.add(
                "notification "
                    + later.key
                    + " was delivered by "
                    + later.notifier
                    + " again ("
                    + later
                    + ") after "
                    + same.get(j)
                    + " was recorded as done");
            break;
          }
        }
      }
    }
    for (Map.Entry<String, Set<String>> e : keysByEvent.entrySet()) {
      String[] parts = e.getKey().split("\\|");
      OrderRecord r = records.get(parts[1]);
      NotificationType type = NotificationType.valueOf(parts[2]);
      long allowed =
          type == NotificationType.REFUNDED && r != null
              ? r.refunds().stream()
                  .filter(f -> !isLate(f) && f.status().name().equals("SUCCEEDED"))
                  .count()
              : 1;
      if (e.getValue().size() > allowed) {
        v.add(
            "notifier "
                + parts[0]
                + " delivered "
                + type
                + " of order "
                + parts[1]
                + " under "
                + e.getValue().size()
                + " keys: "
                + e.getValue());
      }
      String status = r == null ? "missing" : r.order().status().name();
      boolean fits =
          switch (type) {
            case PAYMENT_SUCCEEDED, REFUNDED -> PAID.contains(status);
            case PAYMENT_FAILED -> status.equals("PAYMENT_FAILED");
            case ORDER_CLOSED -> status.equals("CLOSED");
          };
      if (!fits) {
        v.add(
            "notifier "
                + parts[0]
                + " delivered "
                + type
                + " for order "
                + parts[1]
                + " which is "
                + status);
      }
    }
    for (Order o : w.deliveries.fulfilments()) {
      OrderRecord r = records.get(o.orderNo());
      if (r == null || !PAID.contains(r.order().status().name())) {
        v.add(
            "fulfilment started for order "
                + o.orderNo()
                + " which is "
                + (r == null ? "missing" : r.order().status()));
      }
    }
  }

  private static void checkStockLevels(FaultWorld w, List<String> v) {
    StockView view = w.stockView;
    if (view == null) {
      return;
    }
    for (Map.Entry<String, Long> e : w.stock.initial().entrySet()) {
      String sku = e.getKey();
      long reserved = w.stock.units(sku, StockLedger.State.RESERVED);
      long sold = w.stock.units(sku, StockLedger.State.CONFIRMED);
      if (view.reserved(sku) != reserved || view.sold(sku) != sold) {
        v.add(
            sku
                + ": the inventory holds "
                + view.reserved(sku)
                + " reserved and "
                + view.sold(sku)
                + " sold, the ledger "
                + reserved
                + " and "
                + sold);
      }
      long total = view.available(sku) + view.reserved(sku) + view.sold(sku);
      if (total != e.getValue()) {
        v.add(sku + ": available + reserved + sold = " + total + ", started with " + e.getValue());
      }
    }
  }

  /** A refund of a late payment (not one the shop asked for). */
  static boolean isLate(Refund r) {
    try {
      Object kind = r.getClass().getMethod("kind").invoke(r);
      return String.valueOf(kind).equals("LATE_PAYMENT");
    } catch (ReflectiveOperationException e) {
      return r.reason().contains("late payment");
    }
  }
}
