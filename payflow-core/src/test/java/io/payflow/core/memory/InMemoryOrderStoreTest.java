package io.payflow.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.spi.contract.OrderStoreContract;
import io.payflow.core.trace.Participant;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store passes the whole {@link OrderStoreContract}, and keeps what its compact
 * bookkeeping could lose. Its speed is measured by payflow-benchmarks, not asserted here.
 */
class InMemoryOrderStoreTest extends OrderStoreContract {

  @Override
  protected OrderStore createStore() {
    return new InMemoryOrderStore();
  }

  @Nested
  class CompactBookkeeping {

    @Test
    void traceTimesRoundTripToTheNanosecondAndOutsideTheNanosecondRange() {
      // given times a nanosecond apart, out of order, and far outside 1677–2262
      List<TraceEntry> entries =
          List.of(
              step(BASE.plusNanos(1), "a"),
              step(BASE, "b"),
              step(BASE.plusNanos(999_999_999), "c"),
              step(Instant.parse("1969-12-31T23:59:59.999999999Z"), "d"));
      List<TraceEntry> extreme = List.of(step(Instant.MIN, "e"), step(Instant.MAX, "f"));
      store.insert(record(order("ORD-1")), List.of(), entries);

      // when
      store.appendTrace("ORD-1", extreme);
      store.appendTrace("ORD-1", List.of(step(BASE.plusNanos(7), "g")));

      // then
      assertThat(store.loadTrace("ORD-1"))
          .containsExactly(
              entries.get(0),
              entries.get(1),
              entries.get(2),
              entries.get(3),
              extreme.get(0),
              extreme.get(1),
              step(BASE.plusNanos(7), "g"));
    }

    @Test
    void ordersWhoseTracesWentTheSameWayKeepTheirOwnTimesAndNextSteps() {
      // given two orders whose first steps are the same but happened at different times
      store.insert(
          record(order("ORD-1")), List.of(), List.of(step(at(1), "创建订单"), step(at(2), "下单")));
      store.insert(
          record(order("ORD-2")), List.of(), List.of(step(at(5), "创建订单"), step(at(6), "下单")));

      // when they part ways
      store.appendTrace("ORD-1", List.of(step(at(3), "支付成功")));
      store.appendTrace("ORD-2", List.of(step(at(7), "支付失败")));

      // then
      assertThat(store.loadTrace("ORD-1"))
          .containsExactly(step(at(1), "创建订单"), step(at(2), "下单"), step(at(3), "支付成功"));
      assertThat(store.loadTrace("ORD-2"))
          .containsExactly(step(at(5), "创建订单"), step(at(6), "下单"), step(at(7), "支付失败"));
    }

    @Test
    void stepsThatDifferInAnyPartAreNotSharedBetweenOrders() {
      // given steps that differ from the first order's in one part each: sender, receiver,
      // message, reply or block
      TraceEntry first =
          new TraceEntry(
              at(1), Participant.ORDER_SERVICE, Participant.PAYMENT_SERVICE, "下单", false, "a");
      List<TraceEntry> variants =
          List.of(
              new TraceEntry(
                  at(1), Participant.API_GATEWAY, Participant.PAYMENT_SERVICE, "下单", false, "a"),
              new TraceEntry(
                  at(1), Participant.ORDER_SERVICE, Participant.PAYMENT_CHANNEL, "下单", false, "a"),
              new TraceEntry(
                  at(1), Participant.ORDER_SERVICE, Participant.PAYMENT_SERVICE, "付款", false, "a"),
              new TraceEntry(
                  at(1), Participant.ORDER_SERVICE, Participant.PAYMENT_SERVICE, "下单", true, "a"),
              new TraceEntry(
                  at(1), Participant.ORDER_SERVICE, Participant.PAYMENT_SERVICE, "下单", false, "b"));

      // when each goes into an order of its own after the first
      store.insert(record(order("ORD-0")), List.of(), List.of(first));
      for (int i = 0; i < variants.size(); i++) {
        store.insert(record(order("ORD-" + (i + 1))), List.of(), List.of(variants.get(i)));
      }

      // then each order reads back its own step, not the first order's
      assertThat(store.loadTrace("ORD-0")).containsExactly(first);
      for (int i = 0; i < variants.size(); i++) {
        assertThat(store.loadTrace("ORD-" + (i + 1))).containsExactly(variants.get(i));
      }
    }

    @Test
    void traceAppendedBeforeItsOrderIsStoredComesBeforeTheInsertsTrace() {
      // given
      store.appendTrace("ORD-1", List.of(step(at(1), "early")));

      // when
      store.insert(record(order("ORD-1")), List.of(), List.of(step(at(2), "insert")));
      store.appendTrace("ORD-1", List.of(step(at(3), "later")));

      // then
      assertThat(store.loadTrace("ORD-1"))
          .extracting(TraceEntry::message)
          .containsExactly("early", "insert", "later");
    }

    @Test
    void claimStateIsForgottenOnceTheItemLeftItsDueStatus() {
      // given a payment checked twice, then closed
      OrderRecord v1 =
          record(order("ORD-1"), payment("PAY-1", "ORD-1", PaymentStatus.PREPAID, BASE));
      store.insert(v1, List.of(), List.of());
      store.claimDueWork(DueWorkKind.PAYMENT_CHECK, BASE, BASE, at(1), 10);
      store.claimDueWork(DueWorkKind.PAYMENT_CHECK, BASE, at(1), at(2), 10);
      OrderRecord v2 =
          record(
              v1.order().withStatus(OrderStatus.PENDING_PAYMENT),
              payment("PAY-1", "ORD-1", PaymentStatus.CLOSED, BASE));
      store.update(new StoreUpdate(1, v2, List.of(), List.of()));

      // when a later write makes it due again (the store does not judge transitions)
      store.update(
          new StoreUpdate(
              2,
              record(
                  v2.order().withStatus(OrderStatus.PENDING_PAYMENT),
                  payment("PAY-1", "ORD-1", PaymentStatus.UNKNOWN, BASE)),
              List.of(),
              List.of()));

      // then it starts afresh: nothing of its old claims was kept
      assertThat(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, BASE, at(1), at(60), 10))
          .containsExactly(new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-1", "ORD-1", 1));
    }

    @Test
    void effectsWithEqualDataFromManyOrdersComeBackExactly() {
      // given the same notification owed by two orders, and one with other data
      Effect one = effect("ORD-1/NOTIFY", "ORD-1", BASE);
      Effect two = effect("ORD-2/NOTIFY", "ORD-2", BASE);
      Effect other =
          new Effect(
              "ORD-2/REFUND",
              "ORD-2",
              EffectType.REFUND_PAYMENT,
              "REF-1",
              Map.of("amount", "500"),
              EffectStatus.PENDING,
              0,
              BASE,
              null,
              BASE,
              BASE);

      // when
      store.insert(record(order("ORD-1")), List.of(one), List.of());
      store.insert(record(order("ORD-2")), List.of(two, other), List.of());

      // then
      assertThat(store.findEffects("ORD-1")).containsExactly(one);
      assertThat(store.findEffects("ORD-2")).containsExactly(two, other);
    }

    @Test
    void effectRecordedAsRunningIsTakenOverByTheNextClaim() {
      // given an effect handed to the store already RUNNING (no claim of this store holds it)
      Effect running =
          new Effect(
              "E-1",
              "ORD-1",
              EffectType.NOTIFY,
              "sms",
              Map.of(),
              EffectStatus.RUNNING,
              1,
              BASE,
              null,
              BASE,
              at(10));
      store.insert(record(order("ORD-1")), List.of(running), List.of());

      // when
      List<ClaimedEffect> early = store.claimDueEffects(at(10).minusMillis(1), at(60), 10);
      List<ClaimedEffect> claimed = store.claimDueEffects(at(10), at(60), 10);

      // then its lease counts as ended at its last update, and the new claim's token works
      assertThat(early).isEmpty();
      assertThat(claimed).hasSize(1);
      assertThat(store.completeEffect("E-1", claimed.get(0).token(), 2, at(11))).isTrue();
    }

    @Test
    void dueWorkAmongManyCompletedOrdersIsFoundAndOnlyIt() {
      // given many orders that left every due status, and three that are due
      for (int i = 0; i < 2_000; i++) {
        OrderRecord v1 =
            record(
                order("ORD-DONE-" + i, OrderStatus.PENDING_PAYMENT, BASE),
                payment("PAY-DONE-" + i, "ORD-DONE-" + i, PaymentStatus.PREPAID, BASE));
        store.insert(v1, List.of(), List.of());
        store.update(
            new StoreUpdate(
                1,
                record(
                    paid(v1.order(), at(1)), paidPayment("PAY-DONE-" + i, "ORD-DONE-" + i, at(1))),
                List.of(),
                List.of()));
      }
      for (int i = 0; i < 3; i++) {
        store.insert(
            record(
                order("ORD-DUE-" + i, OrderStatus.PENDING_PAYMENT, at(i)),
                payment("PAY-DUE-" + i, "ORD-DUE-" + i, PaymentStatus.UNKNOWN, at(i))),
            List.of(),
            List.of());
      }

      // when / then
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, at(60), at(60), at(120), 100))
          .extracting(DueWork::key)
          .containsExactly("ORD-DUE-0", "ORD-DUE-1", "ORD-DUE-2");
      assertThat(store.findPaymentsAwaitingResult(at(60), 100))
          .extracting(p -> p.paymentNo())
          .containsExactly("PAY-DUE-0", "PAY-DUE-1", "PAY-DUE-2");
      assertThat(store.statistics().orders()).containsEntry(OrderStatus.PAID, 2_000L);
    }
  }

  private static TraceEntry step(Instant at, String message) {
    return new TraceEntry(
        at, Participant.ORDER_SERVICE, Participant.PAYMENT_SERVICE, message, false, "");
  }
}
