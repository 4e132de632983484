package io.payflow.core.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundKind;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.StoreStatistics;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.trace.Participant;
import io.payflow.core.trace.TraceEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link OrderStore}: every implementation (the in-memory one,
 * payflow-jdbc, a host's own) extends it and overrides {@link #createStore()}; JUnit then runs
 * every test below against it.
 *
 * <p>What an implementation must keep, beyond what the {@link OrderStore} javadoc says:
 *
 * <ul>
 *   <li>every field of {@link Order}, {@link Payment}, {@link Refund}, {@link Effect} and {@link
 *       TraceEntry} exactly, including nulls, texts outside the Basic Multilingual Plane (emoji: a
 *       MySQL table must be {@code utf8mb4}) and fen amounts up to {@link Long#MAX_VALUE} (never a
 *       {@code double});
 *   <li>instants to the millisecond at least: the fixtures use whole milliseconds, never nanos;
 *   <li>the order of payments, refunds, effects and trace entries as written, whatever their times.
 * </ul>
 *
 * <p>Times come from the fixed {@link #BASE}, never the wall clock, and nothing sleeps: a test that
 * needs time to pass passes a later {@code now}.
 */
public abstract class OrderStoreContract {

  /** The instant every test counts from. Whole milliseconds, so a store may drop the nanos. */
  protected static final Instant BASE = Instant.parse("2026-11-24T10:30:00.123Z");

  /** More than 2^53: a store that passes fen through a {@code double} loses the last digit. */
  protected static final long LARGE_FEN = 9_007_199_254_740_993L;

  /** A text with CJK, an em dash and characters outside the BMP (emoji, a musical symbol). */
  protected static final String UNICODE_TEXT = "精品咖啡豆 1kg — 深烘 ☕🍵 𝄞";

  private static final Duration LEASE = Duration.ofMinutes(5);

  /** The store under test, made by {@link #createStore()} before each test. */
  protected OrderStore store;

  /**
   * A new, empty store for one test. Called before each test: a store on a shared database must
   * start empty (truncate its tables here), because the finders and the claims look at every row.
   */
  protected abstract OrderStore createStore();

  /** Releases what {@link #createStore()} opened (a connection pool); nothing by default. */
  protected void disposeStore(OrderStore store) throws Exception {}

  /**
   * How many threads the concurrency tests race; at most the store's connection pool size. 8 by
   * default.
   */
  protected int threads() {
    return 8;
  }

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore();
  }

  @AfterEach
  void disposeStoreUnderTest() throws Exception {
    disposeStore(store);
  }

  // ---------------------------------------------------------------- insert, load, lookups

  @Nested
  class InsertAndLoad {

    @Test
    void insertedRecordLoadsBackWithEveryField() {
      // given an order with every optional field set, two payments and two refunds
      OrderRecord record = fullRecord("ORD-FULL");

      // when
      store.insert(record, List.of(), List.of());

      // then records compare every field, so one dropped or rounded field fails
      assertThat(store.load("ORD-FULL")).contains(record);
    }

    @Test
    void insertedRecordLoadsBackWithItsNulls() {
      // given an order, a payment and a refund with every nullable field null and empty maps
      Order order = order("ORD-NULLS", OrderStatus.PENDING_PAYMENT, at(1800));
      Payment payment = payment("PAY-NULLS", "ORD-NULLS", PaymentStatus.CREATED, BASE);
      Refund refund =
          new Refund(
              "REF-NULLS",
              "ORD-NULLS",
              "PAY-NULLS",
              1,
              "",
              RefundStatus.CREATED,
              null,
              null,
              BASE,
              BASE,
              null,
              RefundKind.REQUESTED);
      OrderRecord record = new OrderRecord(order, List.of(payment), List.of(refund));

      // when
      store.insert(record, List.of(), List.of());

      // then null stays null and an empty text stays empty (Oracle-style '' = NULL would fail)
      assertThat(store.load("ORD-NULLS")).contains(record);
    }

    @Test
    void loadOfUnknownOrderIsEmpty() {
      assertThat(store.load("ORD-NONE")).isEmpty();
    }

    @Test
    void insertedEffectsAndTraceRoundTripWithEveryField() {
      // given
      Effect bare = effect("ORD-1/RELEASE_STOCK", "ORD-1", EffectType.RELEASE_STOCK, null, BASE);
      Effect full =
          new Effect(
              "ORD-1/NOTIFY/sms/PAYMENT_SUCCEEDED",
              "ORD-1",
              EffectType.NOTIFY,
              "sms",
              Map.of("notification", "PAYMENT_SUCCEEDED", "模板", UNICODE_TEXT),
              EffectStatus.PENDING,
              2,
              at(30),
              "短信网关 503 " + UNICODE_TEXT,
              at(-60),
              at(-1));
      TraceEntry call =
          new TraceEntry(
              BASE,
              Participant.API_GATEWAY,
              Participant.ORDER_SERVICE,
              "创建订单 " + UNICODE_TEXT,
              false,
              "");
      TraceEntry reply =
          new TraceEntry(
              at(1),
              Participant.ORDER_SERVICE,
              Participant.API_GATEWAY,
              "返回订单号",
              true,
              "alt:订单创建成功/par:并行处理");

      // when
      store.insert(record(order("ORD-1")), List.of(bare, full), List.of(call, reply));

      // then
      assertThat(store.findEffects("ORD-1")).containsExactly(bare, full);
      assertThat(store.loadTrace("ORD-1")).containsExactly(call, reply);
    }

    @Test
    void duplicateInsertThrowsAndChangesNothing() {
      // given
      OrderRecord first = record(order("ORD-1"), payment("PAY-1", "ORD-1"));
      Effect firstEffect = effect("E-1", "ORD-1", BASE);
      TraceEntry firstTrace = trace(BASE, "first");
      store.insert(first, List.of(firstEffect), List.of(firstTrace));
      OrderRecord second =
          record(
              order("ORD-1", OrderStatus.PAID, at(60)),
              payment("PAY-2", "ORD-1"),
              payment("PAY-3", "ORD-1"));

      // when / then
      assertThatThrownBy(
              () ->
                  store.insert(
                      second, List.of(effect("E-2", "ORD-1", BASE)), List.of(trace(BASE, "2nd"))))
          .isInstanceOf(DuplicateNumberException.class)
          .hasMessageContaining("ORD-1");

      // then nothing of the second insert is visible: not its order, payments, effects or trace
      assertThat(store.load("ORD-1")).contains(first);
      assertThat(store.findOrderNoByPaymentNo("PAY-2")).isEmpty();
      assertThat(store.findEffects("ORD-1")).containsExactly(firstEffect);
      assertThat(store.loadTrace("ORD-1")).containsExactly(firstTrace);
      assertThat(effects(store.claimDueEffects(at(3600), at(3900), 10)))
          .extracting(Effect::id)
          .containsExactly("E-1");
    }

    @Test
    void paymentAndRefundNumbersLeadToTheirOrder() {
      // given one order with a payment and a refund, another with a payment
      store.insert(
          new OrderRecord(
              order("ORD-1"),
              List.of(payment("PAY-1", "ORD-1")),
              List.of(refund("REF-1", "ORD-1", "PAY-1"))),
          List.of(),
          List.of());
      store.insert(record(order("ORD-2"), payment("PAY-2", "ORD-2")), List.of(), List.of());

      // then
      assertThat(store.findOrderNoByPaymentNo("PAY-1")).contains("ORD-1");
      assertThat(store.findOrderNoByPaymentNo("PAY-2")).contains("ORD-2");
      assertThat(store.findOrderNoByRefundNo("REF-1")).contains("ORD-1");
      assertThat(store.findOrderNoByPaymentNo("PAY-404")).isEmpty();
      assertThat(store.findOrderNoByRefundNo("REF-404")).isEmpty();
      // payment and refund numbers are separate namespaces
      assertThat(store.findOrderNoByPaymentNo("REF-1")).isEmpty();
      assertThat(store.findOrderNoByRefundNo("PAY-1")).isEmpty();
      // an order number is not a payment number
      assertThat(store.findOrderNoByPaymentNo("ORD-1")).isEmpty();
    }

    @Test
    void paymentsAndRefundsAddedByAnUpdateAreFoundByNumber() {
      // given
      OrderRecord v1 = record(order("ORD-1"), payment("PAY-1", "ORD-1"));
      store.insert(v1, List.of(), List.of());

      // when a second payment and a refund are added
      OrderRecord v2 =
          new OrderRecord(
              next(v1.order(), OrderStatus.REFUNDING),
              List.of(
                  payment("PAY-1", "ORD-1", PaymentStatus.PREPAY_FAILED, BASE),
                  payment("PAY-2", "ORD-1", PaymentStatus.SUCCEEDED, at(10))),
              List.of(refund("REF-1", "ORD-1", "PAY-2")));
      store.update(new StoreUpdate(v1.version(), v2, List.of(), List.of()));

      // then
      assertThat(store.findOrderNoByPaymentNo("PAY-2")).contains("ORD-1");
      assertThat(store.findOrderNoByRefundNo("REF-1")).contains("ORD-1");
      assertThat(store.load("ORD-1")).contains(v2);
    }
  }

  // ---------------------------------------------------------------- update (compare-and-set)

  @Nested
  class Update {

    @Test
    void updateWithCurrentVersionWritesRecordEffectsAndTrace() {
      // given
      OrderRecord v1 = record(order("ORD-1"), payment("PAY-1", "ORD-1"));
      Effect created = effect("E-1", "ORD-1", BASE);
      store.insert(v1, List.of(created), List.of(trace(BASE, "created")));
      OrderRecord v2 =
          new OrderRecord(
              paid(v1.order(), at(10)), List.of(paidPayment("PAY-1", "ORD-1", at(10))), List.of());
      Effect confirm = effect("E-2", "ORD-1", EffectType.CONFIRM_STOCK, null, at(10));

      // when
      store.update(new StoreUpdate(1, v2, List.of(confirm), List.of(trace(at(10), "paid"))));

      // then
      assertThat(store.load("ORD-1")).contains(v2);
      assertThat(store.findEffects("ORD-1")).containsExactly(created, confirm);
      assertThat(store.loadTrace("ORD-1"))
          .extracting(TraceEntry::message)
          .containsExactly("created", "paid");
    }

    @Test
    void successiveUpdatesEachExpectThePreviousVersion() {
      // given
      OrderRecord v1 = record(order("ORD-1"));
      store.insert(v1, List.of(), List.of());
      OrderRecord v2 = record(paid(v1.order(), at(10)));
      OrderRecord v3 = record(next(v2.order(), OrderStatus.FULFILLING));

      // when
      store.update(new StoreUpdate(1, v2, List.of(), List.of()));
      store.update(new StoreUpdate(2, v3, List.of(), List.of()));

      // then
      assertThat(store.load("ORD-1")).contains(v3);
      assertThat(v3.version()).isEqualTo(3);
    }

    @Test
    void updateWithStaleVersionWritesNothing() {
      // given an order already moved to version 2 by another writer
      OrderRecord v1 = record(order("ORD-1"), payment("PAY-1", "ORD-1"));
      Effect created = effect("E-1", "ORD-1", BASE);
      store.insert(v1, List.of(created), List.of(trace(BASE, "created")));
      OrderRecord v2 = record(next(v1.order(), OrderStatus.CLOSED), payment("PAY-1", "ORD-1"));
      store.update(new StoreUpdate(1, v2, List.of(), List.of(trace(at(1), "closed"))));

      // when a writer that read version 1 tries to write its own version 2
      OrderRecord stale =
          new OrderRecord(
              paid(v1.order(), at(2)),
              List.of(paidPayment("PAY-1", "ORD-1", at(2)), payment("PAY-2", "ORD-1")),
              List.of(refund("REF-1", "ORD-1", "PAY-1")));
      StoreUpdate lostUpdate =
          new StoreUpdate(
              1, stale, List.of(effect("E-STALE", "ORD-1", at(2))), List.of(trace(at(2), "stale")));

      // then it is refused
      assertThatThrownBy(() -> store.update(lostUpdate))
          .isInstanceOf(ConcurrentUpdateException.class)
          .hasMessageContaining("ORD-1");

      // and nothing of it was written: not the record, the numbers, the effect or the trace
      assertThat(store.load("ORD-1")).contains(v2);
      assertThat(store.findOrderNoByPaymentNo("PAY-2")).isEmpty();
      assertThat(store.findOrderNoByRefundNo("REF-1")).isEmpty();
      assertThat(store.findEffects("ORD-1")).containsExactly(created);
      assertThat(store.loadTrace("ORD-1"))
          .extracting(TraceEntry::message)
          .containsExactly("created", "closed");
      assertThat(effects(store.claimDueEffects(at(3600), at(3900), 10)))
          .extracting(Effect::id)
          .containsExactly("E-1");
    }

    @Test
    void updateExpectingAVersionAheadOfTheStoredOneWritesNothing() {
      // given
      OrderRecord v1 = record(order("ORD-1"));
      store.insert(v1, List.of(), List.of());
      Order ahead = order("ORD-1", OrderStatus.PAID, at(1800), 6);

      // when / then a compare-and-set is "equal", not "at most"
      assertThatThrownBy(
              () ->
                  store.update(
                      new StoreUpdate(
                          5,
                          record(ahead),
                          List.of(effect("E-1", "ORD-1", BASE)),
                          List.of(trace(BASE, "ahead")))))
          .isInstanceOf(ConcurrentUpdateException.class);
      assertThat(store.load("ORD-1")).contains(v1);
      assertThat(store.findEffects("ORD-1")).isEmpty();
      assertThat(store.loadTrace("ORD-1")).isEmpty();
    }

    @Test
    void concurrentUpdatesWithTheSameExpectedVersionHaveExactlyOneWinner() {
      // given
      OrderRecord v1 = record(order("ORD-1"));
      store.insert(v1, List.of(), List.of());
      int writers = threads() * 4;

      // when every writer, having read version 1, writes its own version 2 at once
      List<Race.Outcome<StoreUpdate>> outcomes =
          Race.run(
              threads(),
              writers,
              i ->
                  () -> {
                    StoreUpdate update =
                        new StoreUpdate(
                            1,
                            record(
                                next(v1.order(), OrderStatus.PENDING_PAYMENT),
                                payment("PAY-W" + i, "ORD-1")),
                            List.of(effect("E-W" + i, "ORD-1", BASE)),
                            List.of(trace(BASE, "writer " + i)));
                    store.update(update);
                    return update;
                  });

      // then exactly one wins, every other one is told so, and only the winner's write is there
      List<StoreUpdate> winners =
          outcomes.stream().filter(Race.Outcome::succeeded).map(Race.Outcome::value).toList();
      assertThat(winners).hasSize(1);
      assertThat(outcomes.stream().filter(o -> !o.succeeded()))
          .hasSize(writers - 1)
          .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(ConcurrentUpdateException.class));
      StoreUpdate winner = winners.get(0);
      assertThat(store.load("ORD-1")).contains(winner.record());
      assertThat(store.findEffects("ORD-1")).containsExactlyElementsOf(winner.effects());
      assertThat(store.loadTrace("ORD-1")).containsExactlyElementsOf(winner.trace());
    }

    @Test
    void concurrentReadModifyWritesLoseNoUpdate() {
      // given
      store.insert(record(order("ORD-1")), List.of(), List.of());
      int attemptsPerWriter = 100;

      // when several writers each read, bump a counter and write back, many times over
      List<Race.Outcome<Integer>> outcomes =
          Race.run(
              threads(),
              threads(),
              w ->
                  () -> {
                    int wins = 0;
                    for (int k = 0; k < attemptsPerWriter; k++) {
                      OrderRecord read = store.load("ORD-1").orElseThrow();
                      try {
                        store.update(
                            new StoreUpdate(
                                read.version(),
                                record(bumped(read.order())),
                                List.of(effect("E-" + w + "-" + k, "ORD-1", BASE)),
                                List.of(trace(BASE, "w" + w + "k" + k))));
                        wins++;
                      } catch (ConcurrentUpdateException lost) {
                        // another writer went first: that is what the compare-and-set is for
                      }
                    }
                    return wins;
                  });

      // then every update that reported success is in the record, the outbox and the trace, once
      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      int wins = outcomes.stream().mapToInt(Race.Outcome::value).sum();
      Order last = store.load("ORD-1").orElseThrow().order();
      assertThat(last.refundedAmount()).isEqualTo(wins);
      assertThat(last.version()).isEqualTo(1L + wins);
      assertThat(store.findEffects("ORD-1")).hasSize(wins);
      assertThat(store.loadTrace("ORD-1")).hasSize(wins);
    }

    @Test
    void effectWithAnIdAlreadyHeldIsIgnored() {
      // given an order whose creation owed E-1
      OrderRecord v1 = record(order("ORD-1"));
      Effect original = effect("E-1", "ORD-1", EffectType.RELEASE_STOCK, null, BASE);
      store.insert(v1, List.of(original), List.of());

      // when a transition owes E-1 again (another type, another time) and a new E-2
      Effect again = effect("E-1", "ORD-1", EffectType.CONFIRM_STOCK, "x", at(99));
      Effect fresh = effect("E-2", "ORD-1", at(1));
      OrderRecord v2 = record(next(v1.order(), OrderStatus.CLOSED));
      store.update(new StoreUpdate(1, v2, List.of(again, fresh), List.of()));

      // then the id is the idempotency key: the first E-1 stays as it was
      assertThat(store.findEffects("ORD-1")).containsExactly(original, fresh);
    }

    @Test
    void effectAlreadyDoneIsNotOwedAgainByARepeatedTransition() {
      // given E-1 ran and is done
      OrderRecord v1 = record(order("ORD-1"));
      store.insert(v1, List.of(effect("E-1", "ORD-1", BASE)), List.of());
      long token = claimOne("E-1", BASE);
      assertThat(store.completeEffect("E-1", token, 1, at(1))).isTrue();

      // when a repeated transition (a duplicate callback) owes E-1 again
      store.update(
          new StoreUpdate(
              1,
              record(next(v1.order(), OrderStatus.PENDING_PAYMENT)),
              List.of(effect("E-1", "ORD-1", at(2))),
              List.of()));

      // then it is not reset to PENDING: a notification is never sent twice
      assertThat(store.findEffects("ORD-1"))
          .singleElement()
          .satisfies(e -> assertThat(e.status()).isEqualTo(EffectStatus.DONE));
      assertThat(effects(store.claimDueEffects(at(3600), at(3900), 10))).isEmpty();
    }

    @Test
    void effectIdHeldByAnotherOrderIsIgnoredToo() {
      // given an id is unique across the whole outbox, not per order
      store.insert(record(order("ORD-1")), List.of(effect("E-1", "ORD-1", BASE)), List.of());

      // when
      store.insert(record(order("ORD-2")), List.of(effect("E-1", "ORD-2", BASE)), List.of());

      // then
      assertThat(store.findEffects("ORD-1")).extracting(Effect::id).containsExactly("E-1");
      assertThat(store.findEffects("ORD-2")).isEmpty();
    }
  }

  // ---------------------------------------------------------------- time-driven finders

  @Nested
  class Finders {

    @Test
    void expiredOrdersAreOnlyReservingAndPendingOnesWhoseExpiryIsDue() {
      // given
      Instant now = at(3600);
      insertOrder(order("ORD-OVERDUE", OrderStatus.PENDING_PAYMENT, now.minusSeconds(10)));
      insertOrder(order("ORD-DUE-NOW", OrderStatus.PENDING_PAYMENT, now));
      insertOrder(order("ORD-NOT-YET", OrderStatus.PENDING_PAYMENT, now.plusMillis(1)));
      for (OrderStatus other : OrderStatus.values()) {
        if (other != OrderStatus.PENDING_PAYMENT) {
          insertOrder(order("ORD-" + other, other, now.minusSeconds(20)));
        }
      }

      // when
      List<String> expired = keys(claimWork(DueWorkKind.EXPIRY, now));

      // then an expiry equal to now is due, like an effect's nextAttemptAt; a RESERVING order that
      // a crash left behind is expired too
      assertThat(expired).containsExactlyInAnyOrder("ORD-OVERDUE", "ORD-DUE-NOW", "ORD-RESERVING");
    }

    @Test
    void expiredOrdersComeMostOverdueFirstUpToTheLimit() {
      // given ten overdue orders whose expiry order is unrelated to their numbers or insert order
      Instant now = at(3600);
      int[] overdueSeconds = {4, 9, 1, 7, 3, 10, 2, 8, 5, 6};
      for (int i = 0; i < overdueSeconds.length; i++) {
        insertOrder(
            order(
                "ORD-" + overdueSeconds[i],
                OrderStatus.PENDING_PAYMENT,
                now.minusSeconds(overdueSeconds[i])));
      }

      // when
      List<String> expired = keys(claimWork(DueWorkKind.EXPIRY, now, 3));

      // then a sweeper with a small batch makes progress on the most overdue first
      assertThat(expired).containsExactly("ORD-10", "ORD-9", "ORD-8");
    }

    @Test
    void orderPaidByAnUpdateIsNoLongerExpired() {
      // given
      OrderRecord v1 = record(order("ORD-1", OrderStatus.PENDING_PAYMENT, at(60)));
      store.insert(v1, List.of(), List.of());

      // when
      store.update(new StoreUpdate(1, record(paid(v1.order(), at(30))), List.of(), List.of()));

      // then the claim reads the status the update wrote
      assertThat(claimWork(DueWorkKind.EXPIRY, at(3600))).isEmpty();
    }

    @Test
    void paymentsAwaitingResultAreUnsettledOnesCreatedBeforeTheCutoffOldestFirst() {
      // given payments of every status, over two orders, inserted out of time order
      Instant cutoff = at(3600);
      Payment prepaid = payment("PAY-PREPAID", "ORD-1", PaymentStatus.PREPAID, at(10));
      Payment created = payment("PAY-CREATED", "ORD-1", PaymentStatus.CREATED, at(5));
      Payment unknown = payment("PAY-UNKNOWN", "ORD-1", PaymentStatus.UNKNOWN, at(30));
      Payment other = payment("PAY-OTHER", "ORD-2", PaymentStatus.PREPAID, at(20));
      List<Payment> settled = new ArrayList<>();
      for (PaymentStatus s :
          List.of(
              PaymentStatus.PREPAY_FAILED,
              PaymentStatus.SUCCEEDED,
              PaymentStatus.FAILED,
              PaymentStatus.CLOSED)) {
        settled.add(payment("PAY-" + s, "ORD-1", s, at(1)));
      }
      Payment atCutoff = payment("PAY-AT-CUTOFF", "ORD-2", PaymentStatus.PREPAID, cutoff);
      Payment after = payment("PAY-AFTER", "ORD-2", PaymentStatus.CREATED, cutoff.plusMillis(1));
      List<Payment> first = new ArrayList<>(List.of(prepaid, created, unknown));
      first.addAll(settled);
      store.insert(new OrderRecord(order("ORD-1"), first, List.of()), List.of(), List.of());
      store.insert(record(order("ORD-2"), other, atCutoff, after), List.of(), List.of());

      // when
      List<Payment> awaiting = store.findPaymentsAwaitingResult(cutoff, 100);

      // then "before" is strict, and the payments come back whole
      assertThat(awaiting).containsExactly(created, prepaid, other, unknown);
    }

    @Test
    void paymentsAwaitingResultHonourTheLimit() {
      // given
      store.insert(
          record(
              order("ORD-1"),
              payment("PAY-3", "ORD-1", PaymentStatus.PREPAID, at(3)),
              payment("PAY-1", "ORD-1", PaymentStatus.PREPAID, at(1)),
              payment("PAY-2", "ORD-1", PaymentStatus.UNKNOWN, at(2))),
          List.of(),
          List.of());

      // when
      List<Payment> awaiting = store.findPaymentsAwaitingResult(at(3600), 2);

      // then
      assertThat(awaiting).extracting(Payment::paymentNo).containsExactly("PAY-1", "PAY-2");
    }
  }

  // ---------------------------------------------------------------- effects outbox

  @Nested
  class Effects {

    @Test
    void claimTakesOnlyDuePendingEffectsAndLeasesThem() {
      // given
      Instant now = at(60);
      insertOrderWithEffects(
          "ORD-1",
          effect("E-PAST", "ORD-1", now.minusSeconds(30)),
          effect("E-NOW", "ORD-1", now),
          effect("E-FUTURE", "ORD-1", now.plusMillis(1)));

      // when
      List<Effect> claimed = effects(store.claimDueEffects(now, now.plus(LEASE), 10));

      // then nextAttemptAt <= now is due; the claimed ones come back RUNNING, otherwise intact
      assertThat(claimed).extracting(Effect::id).containsExactlyInAnyOrder("E-PAST", "E-NOW");
      assertThat(claimed)
          .allSatisfy(
              e -> {
                assertThat(e.status()).isEqualTo(EffectStatus.RUNNING);
                assertThat(e.orderNo()).isEqualTo("ORD-1");
                assertThat(e.type()).isEqualTo(EffectType.NOTIFY);
                assertThat(e.target()).isEqualTo("sms");
                assertThat(e.data()).containsEntry("notification", "PAYMENT_SUCCEEDED");
              });
      assertThat(store.findEffects("ORD-1"))
          .extracting(Effect::id, Effect::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("E-PAST", EffectStatus.RUNNING),
              org.assertj.core.groups.Tuple.tuple("E-NOW", EffectStatus.RUNNING),
              org.assertj.core.groups.Tuple.tuple("E-FUTURE", EffectStatus.PENDING));
    }

    @Test
    void claimTakesTheOldestDueFirstUpToTheLimit() {
      // given, recorded out of due order
      insertOrderWithEffects(
          "ORD-1",
          effect("E-1", "ORD-1", at(-1)),
          effect("E-3", "ORD-1", at(-3)),
          effect("E-2", "ORD-1", at(-2)));

      // when
      List<Effect> claimed = effects(store.claimDueEffects(BASE, BASE.plus(LEASE), 2));

      // then
      assertThat(claimed).extracting(Effect::id).containsExactlyInAnyOrder("E-3", "E-2");
      assertThat(effects(store.claimDueEffects(BASE, BASE.plus(LEASE), 2)))
          .extracting(Effect::id)
          .containsExactly("E-1");
    }

    @Test
    void claimedEffectIsNotClaimableAgainWhileLeased() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      Instant leaseUntil = BASE.plus(LEASE);
      assertThat(effects(store.claimDueEffects(BASE, leaseUntil, 10))).hasSize(1);

      // when another runner looks during the lease, by due time or by id
      List<Effect> byDue = effects(store.claimDueEffects(leaseUntil.minusMillis(1), at(3600), 10));
      List<Effect> byId = effects(store.claimEffects(List.of("E-1"), at(1), at(3600)));

      // then it gets nothing
      assertThat(byDue).isEmpty();
      assertThat(byId).isEmpty();
    }

    @Test
    void effectWhoseLeaseEndedIsReclaimed() {
      // given a runner claimed E-1 and crashed
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      Instant leaseUntil = BASE.plus(LEASE);
      store.claimDueEffects(BASE, leaseUntil, 10);

      // when another runner looks after the lease ended
      Instant later = leaseUntil.plusMillis(1);
      List<Effect> reclaimed = effects(store.claimDueEffects(later, later.plus(LEASE), 10));

      // then it takes E-1 over, with a new lease that holds off a third runner
      assertThat(reclaimed).extracting(Effect::id).containsExactly("E-1");
      assertThat(reclaimed.get(0).status()).isEqualTo(EffectStatus.RUNNING);
      assertThat(effects(store.claimDueEffects(later.plusSeconds(1), at(7200), 10))).isEmpty();
    }

    @Test
    void concurrentClaimsClaimEachEffectExactlyOnce() {
      // given 12 orders with 10 due effects each
      Set<String> all = new HashSet<>();
      for (int o = 0; o < 12; o++) {
        String orderNo = "ORD-" + o;
        List<Effect> effects = new ArrayList<>();
        for (int e = 0; e < 10; e++) {
          effects.add(effect(orderNo + "/E-" + e, orderNo, at(-e)));
          all.add(orderNo + "/E-" + e);
        }
        store.insert(record(order(orderNo)), effects, List.of());
      }
      ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();

      // when several runners claim small batches at once until nothing is left
      List<Race.Outcome<Integer>> outcomes =
          Race.run(
              threads(),
              threads(),
              i ->
                  () -> {
                    int batches = 0;
                    List<ClaimedEffect> batch;
                    // bounded: a store that hands effects out twice must fail, not spin
                    while (claimed.size() <= all.size()
                        && !(batch = store.claimDueEffects(BASE, BASE.plus(LEASE), 7)).isEmpty()) {
                      batch.forEach(c -> claimed.add(c.effect().id()));
                      batches++;
                    }
                    return batches;
                  });

      // then every effect was claimed, and none twice
      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      assertThat(claimed).doesNotHaveDuplicates();
      assertThat(new HashSet<>(claimed)).isEqualTo(all);
    }

    @Test
    void concurrentClaimsByIdClaimEachEffectExactlyOnce() {
      // given the effects a transition owed, which every instance may try to run at once
      List<String> ids = new ArrayList<>();
      List<Effect> effects = new ArrayList<>();
      for (int e = 0; e < 20; e++) {
        ids.add("E-" + e);
        effects.add(effect("E-" + e, "ORD-1", BASE));
      }
      store.insert(record(order("ORD-1")), effects, List.of());

      // when
      List<Race.Outcome<List<ClaimedEffect>>> outcomes =
          Race.run(
              threads(), threads(), i -> () -> store.claimEffects(ids, BASE, BASE.plus(LEASE)));

      // then
      List<String> claimed = new ArrayList<>();
      for (Race.Outcome<List<ClaimedEffect>> o : outcomes) {
        assertThat(o.failure()).isNull();
        o.value().forEach(c -> claimed.add(c.effect().id()));
      }
      assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void claimByIdTakesOnlyPendingEffectsAmongThoseAsked() {
      // given one effect of each status, and one not asked for
      insertOrderWithEffects(
          "ORD-1",
          effect("E-PENDING", "ORD-1", BASE),
          effect("E-RUNNING", "ORD-1", BASE),
          effect("E-DONE", "ORD-1", BASE),
          effect("E-DEAD", "ORD-1", BASE),
          effect("E-NOT-ASKED", "ORD-1", BASE));
      Map<String, Long> tokens =
          tokens(
              store.claimEffects(List.of("E-RUNNING", "E-DONE", "E-DEAD"), BASE, BASE.plus(LEASE)));
      assertThat(store.completeEffect("E-DONE", tokens.get("E-DONE"), 1, BASE)).isTrue();
      assertThat(store.parkEffect("E-DEAD", tokens.get("E-DEAD"), 8, "gave up", BASE)).isTrue();

      // when
      List<Effect> claimed =
          effects(
              store.claimEffects(
                  List.of("E-PENDING", "E-RUNNING", "E-DONE", "E-DEAD", "E-UNKNOWN"),
                  at(1),
                  at(1).plus(LEASE)));

      // then
      assertThat(claimed).extracting(Effect::id).containsExactly("E-PENDING");
      assertThat(claimed.get(0).status()).isEqualTo(EffectStatus.RUNNING);
      assertThat(store.findEffects("ORD-1"))
          .filteredOn(e -> e.id().equals("E-NOT-ASKED"))
          .singleElement()
          .satisfies(e -> assertThat(e.status()).isEqualTo(EffectStatus.PENDING));
    }

    @Test
    void completedEffectIsDoneAndNeverClaimedAgain() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);

      // when
      boolean completed = store.completeEffect("E-1", token, 1, at(2));

      // then not even once its lease would have ended
      assertThat(completed).isTrue();
      assertThat(store.findEffects("ORD-1"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.status()).isEqualTo(EffectStatus.DONE);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.updatedAt()).isEqualTo(at(2));
              });
      assertThat(effects(store.claimDueEffects(at(86_400), at(90_000), 10))).isEmpty();
      assertThat(effects(store.claimEffects(List.of("E-1"), at(86_400), at(90_000)))).isEmpty();
    }

    @Test
    void effectRetriedLaterIsNotDueBeforeItsTime() {
      // given a first attempt failed
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);
      Instant retryAt = at(10);

      // when
      boolean retried = store.retryEffectLater("E-1", token, 1, retryAt, "短信网关 503", at(1));

      // then it waits for its time, then is claimable again, even though its lease has not ended
      assertThat(retried).isTrue();
      assertThat(store.findEffects("ORD-1"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.status()).isEqualTo(EffectStatus.PENDING);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.nextAttemptAt()).isEqualTo(retryAt);
                assertThat(e.lastError()).isEqualTo("短信网关 503");
              });
      assertThat(effects(store.claimDueEffects(retryAt.minusMillis(1), at(3600), 10))).isEmpty();
      assertThat(effects(store.claimDueEffects(retryAt, retryAt.plus(LEASE), 10)))
          .extracting(Effect::id, Effect::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("E-1", EffectStatus.RUNNING));
    }

    @Test
    void parkedEffectIsDeadAndNeverClaimed() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);

      // when
      boolean parked = store.parkEffect("E-1", token, 8, "fulfilment service down", at(5));

      // then
      assertThat(parked).isTrue();
      assertThat(store.findEffects("ORD-1"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.status()).isEqualTo(EffectStatus.DEAD);
                assertThat(e.attempts()).isEqualTo(8);
                assertThat(e.lastError()).isEqualTo("fulfilment service down");
              });
      assertThat(effects(store.claimDueEffects(at(86_400), at(90_000), 10))).isEmpty();
      assertThat(effects(store.claimEffects(List.of("E-1"), at(86_400), at(90_000)))).isEmpty();
    }

    @Test
    void revivedDeadEffectIsPendingAndDueAtTheGivenTime() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);
      assertThat(store.parkEffect("E-1", token, 8, "gave up", at(5))).isTrue();
      Instant revivedAt = at(600);

      // when retried by hand
      boolean revived = store.reviveEffect("E-1", revivedAt);

      // then
      assertThat(revived).isTrue();
      assertThat(store.findEffects("ORD-1"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.status()).isEqualTo(EffectStatus.PENDING);
                assertThat(e.nextAttemptAt()).isEqualTo(revivedAt);
              });
      assertThat(effects(store.claimDueEffects(revivedAt.minusMillis(1), at(3600), 10))).isEmpty();
      assertThat(effects(store.claimDueEffects(revivedAt, revivedAt.plus(LEASE), 10)))
          .extracting(Effect::id)
          .containsExactly("E-1");
    }

    @Test
    void onlyADeadEffectCanBeRevived() {
      // given one effect in each status that is not DEAD
      insertOrderWithEffects(
          "ORD-1",
          effect("E-PENDING", "ORD-1", at(100)),
          effect("E-RUNNING", "ORD-1", BASE),
          effect("E-DONE", "ORD-1", BASE));
      Map<String, Long> tokens =
          tokens(store.claimEffects(List.of("E-RUNNING", "E-DONE"), BASE, BASE.plus(LEASE)));
      assertThat(store.completeEffect("E-DONE", tokens.get("E-DONE"), 1, BASE)).isTrue();
      List<Effect> before = store.findEffects("ORD-1");

      // when / then
      assertThat(store.reviveEffect("E-PENDING", BASE)).isFalse();
      assertThat(store.reviveEffect("E-RUNNING", BASE)).isFalse();
      assertThat(store.reviveEffect("E-DONE", BASE)).isFalse();
      assertThat(store.reviveEffect("E-UNKNOWN", BASE)).isFalse();
      assertThat(store.findEffects("ORD-1")).isEqualTo(before);
    }

    @Test
    void effectsOfAnOrderComeInTheOrderTheyWereRecorded() {
      // given effects recorded by an insert and two updates, with times out of order and another
      // order's effects in between
      OrderRecord v1 = record(order("ORD-1"));
      store.insert(
          v1, List.of(effect("A-1", "ORD-1", at(50)), effect("A-2", "ORD-1", at(10))), List.of());
      store.insert(record(order("ORD-2")), List.of(effect("B-1", "ORD-2", BASE)), List.of());
      OrderRecord v2 = record(next(v1.order(), OrderStatus.PENDING_PAYMENT));
      store.update(new StoreUpdate(1, v2, List.of(effect("A-3", "ORD-1", at(-5))), List.of()));
      store.update(
          new StoreUpdate(
              2,
              record(paid(v2.order(), at(20))),
              List.of(effect("A-4", "ORD-1", at(20)), effect("A-5", "ORD-1", at(1))),
              List.of()));
      // a status change must not move an effect
      store.claimEffects(List.of("A-2"), BASE, BASE.plus(LEASE));

      // when
      List<Effect> effects = store.findEffects("ORD-1");

      // then
      assertThat(effects).extracting(Effect::id).containsExactly("A-1", "A-2", "A-3", "A-4", "A-5");
      assertThat(store.findEffects("ORD-404")).isEmpty();
    }
  }

  // ---------------------------------------------------------------- effect fencing

  @Nested
  class EffectFencing {

    @Test
    void claimCarriesATokenAndTheLeaseItWasGiven() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE), effect("E-2", "ORD-1", BASE));
      Instant leaseUntil = BASE.plus(LEASE);

      // when one is claimed by due time and one by id
      List<ClaimedEffect> byDue = store.claimDueEffects(BASE, leaseUntil, 1);
      String other = byDue.get(0).effect().id().equals("E-1") ? "E-2" : "E-1";
      List<ClaimedEffect> byId = store.claimEffects(List.of(other), BASE, leaseUntil);

      // then each claim says until when it holds, and is RUNNING
      assertThat(byDue).hasSize(1);
      assertThat(byId).hasSize(1);
      assertThat(List.of(byDue.get(0), byId.get(0)))
          .allSatisfy(
              c -> {
                assertThat(c.leaseUntil()).isEqualTo(leaseUntil);
                assertThat(c.effect().status()).isEqualTo(EffectStatus.RUNNING);
              });
    }

    @Test
    void currentTokenCompletesTheEffectWithinItsLease() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);

      // when the runner finishes one millisecond before its lease ends
      boolean completed = store.completeEffect("E-1", token, 1, BASE.plus(LEASE).minusMillis(1));

      // then
      assertThat(completed).isTrue();
      assertThat(onlyEffect("ORD-1"))
          .satisfies(
              e -> {
                assertThat(e.status()).isEqualTo(EffectStatus.DONE);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.updatedAt()).isEqualTo(BASE.plus(LEASE).minusMillis(1));
              });
    }

    @Test
    void currentTokenRetriesTheEffectAndUpdatedAtIsTheTimeOfTheWrite() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);

      // when it failed at +3s and is to be tried again at +60s
      boolean retried = store.retryEffectLater("E-1", token, 1, at(60), "超时 timeout", at(3));

      // then updatedAt is when it was written, not when it is due again
      assertThat(retried).isTrue();
      assertThat(onlyEffect("ORD-1"))
          .satisfies(
              e -> {
                assertThat(e.status()).isEqualTo(EffectStatus.PENDING);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.nextAttemptAt()).isEqualTo(at(60));
                assertThat(e.lastError()).isEqualTo("超时 timeout");
                assertThat(e.updatedAt()).isEqualTo(at(3));
              });
    }

    @Test
    void currentTokenParksTheEffect() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);

      // when
      boolean parked = store.parkEffect("E-1", token, 8, "gave up", at(4));

      // then
      assertThat(parked).isTrue();
      assertThat(onlyEffect("ORD-1"))
          .satisfies(
              e -> {
                assertThat(e.status()).isEqualTo(EffectStatus.DEAD);
                assertThat(e.attempts()).isEqualTo(8);
                assertThat(e.lastError()).isEqualTo("gave up");
                assertThat(e.updatedAt()).isEqualTo(at(4));
              });
    }

    @Test
    void runnerWhoseLeaseEndedCannotComplete() {
      // given a claim whose lease ends at BASE + LEASE, nobody else has claimed it since
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);
      List<Effect> before = store.findEffects("ORD-1");

      // when the runner reports at the very end of its lease, and later
      boolean atTheEnd = store.completeEffect("E-1", token, 1, BASE.plus(LEASE));
      boolean later = store.completeEffect("E-1", token, 1, BASE.plus(LEASE).plusSeconds(1));

      // then the lease is over at leaseUntil: nothing changed, and the effect is claimable again
      assertThat(atTheEnd).isFalse();
      assertThat(later).isFalse();
      assertThat(store.findEffects("ORD-1")).isEqualTo(before);
      assertThat(ids(store.claimDueEffects(BASE.plus(LEASE), at(3600), 10))).containsExactly("E-1");
    }

    @Test
    void runnerWhoseLeaseEndedCannotRetry() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);
      List<Effect> before = store.findEffects("ORD-1");

      // when
      boolean retried = store.retryEffectLater("E-1", token, 1, at(900), "late", BASE.plus(LEASE));

      // then
      assertThat(retried).isFalse();
      assertThat(store.findEffects("ORD-1")).isEqualTo(before);
    }

    @Test
    void runnerWhoseLeaseEndedCannotPark() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);
      List<Effect> before = store.findEffects("ORD-1");

      // when
      boolean parked = store.parkEffect("E-1", token, 8, "late", BASE.plus(LEASE).plusMillis(1));

      // then
      assertThat(parked).isFalse();
      assertThat(store.findEffects("ORD-1")).isEqualTo(before);
    }

    @Test
    void staleTokenAfterAnotherClaimChangesNothing() {
      // given runner A's lease ended and runner B claimed the effect
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long tokenA = claimOneDue(BASE);
      Instant bClaims = BASE.plus(LEASE);
      long tokenB = claimOneDue(bClaims);
      List<Effect> underB = store.findEffects("ORD-1");

      // when A, still running, reports every outcome within B's lease
      Instant during = bClaims.plusSeconds(1);
      boolean completed = store.completeEffect("E-1", tokenA, 1, during);
      boolean retried = store.retryEffectLater("E-1", tokenA, 1, at(9999), "A failed", during);
      boolean parked = store.parkEffect("E-1", tokenA, 8, "A gave up", during);

      // then none of it is written: B still owns the effect, and B's token works
      assertThat(tokenB).isNotEqualTo(tokenA);
      assertThat(List.of(completed, retried, parked)).containsOnly(false);
      assertThat(store.findEffects("ORD-1")).isEqualTo(underB);
      assertThat(store.completeEffect("E-1", tokenB, 2, during)).isTrue();
      assertThat(onlyEffect("ORD-1").status()).isEqualTo(EffectStatus.DONE);
    }

    @Test
    void staleTokenCannotOverwriteAnOutcomeTheNewOwnerWrote() {
      // given B took over from A and parked the effect
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long tokenA = claimOneDue(BASE);
      long tokenB = claimOneDue(BASE.plus(LEASE));
      assertThat(store.parkEffect("E-1", tokenB, 8, "B gave up", BASE.plus(LEASE))).isTrue();
      List<Effect> parked = store.findEffects("ORD-1");

      // when A finally reports success, while its own lease would still have held by its clock
      boolean completed = store.completeEffect("E-1", tokenA, 1, BASE.plusSeconds(1));

      // then the dead effect stays dead
      assertThat(completed).isFalse();
      assertThat(store.findEffects("ORD-1")).isEqualTo(parked);
    }

    @Test
    void tokenIsSpentOnceItsOutcomeIsWritten() {
      // given a runner completed its claim
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);
      assertThat(store.completeEffect("E-1", token, 1, at(1))).isTrue();
      List<Effect> done = store.findEffects("ORD-1");

      // when the same token is presented again, within the lease it had
      boolean again = store.completeEffect("E-1", token, 1, at(2));
      boolean retried = store.retryEffectLater("E-1", token, 1, at(60), "x", at(2));
      boolean parked = store.parkEffect("E-1", token, 1, "x", at(2));

      // then the effect is no longer RUNNING under it: nothing changes
      assertThat(List.of(again, retried, parked)).containsOnly(false);
      assertThat(store.findEffects("ORD-1")).isEqualTo(done);
    }

    @Test
    void unknownEffectIsNotChanged() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long token = claimOneDue(BASE);

      // when / then
      assertThat(store.completeEffect("E-404", token, 1, at(1))).isFalse();
      assertThat(store.retryEffectLater("E-404", token, 1, at(60), "x", at(1))).isFalse();
      assertThat(store.parkEffect("E-404", token, 1, "x", at(1))).isFalse();
      assertThat(store.findEffects("ORD-404")).isEmpty();
    }

    @Test
    void tokensStrictlyIncreaseAcrossEveryClaimOfOneEffect() {
      // given an effect claimed by due time, reclaimed after a crash, retried, claimed by id,
      // parked, revived and claimed again
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      List<Long> tokens = new ArrayList<>();
      tokens.add(claimOneDue(BASE));
      Instant t = BASE.plus(LEASE);
      tokens.add(claimOneDue(t));
      assertThat(store.retryEffectLater("E-1", tokens.get(1), 2, t.plusSeconds(10), "e", t))
          .isTrue();
      tokens.add(claimOne("E-1", t.plusSeconds(1)));
      assertThat(store.parkEffect("E-1", tokens.get(2), 3, "dead", t.plusSeconds(2))).isTrue();
      assertThat(store.reviveEffect("E-1", t.plusSeconds(3))).isTrue();
      tokens.add(claimOneDue(t.plusSeconds(3)));

      // then every claim got a token greater than the one before
      assertThat(tokens).doesNotHaveDuplicates().isSorted();
      assertThat(store.completeEffect("E-1", tokens.get(3), 4, t.plusSeconds(4))).isTrue();
    }

    @Test
    void claimByIdIsFencedLikeAClaimByDueTime() {
      // given a runner claimed E-1 by id, and after its lease another runner claimed it by due
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      long byId = claimOne("E-1", BASE);
      long byDue = claimOneDue(BASE.plus(LEASE));

      // when the first runner reports within the second one's lease
      boolean stale = store.completeEffect("E-1", byId, 1, BASE.plus(LEASE).plusSeconds(1));

      // then only the second one can finish it
      assertThat(byDue).isGreaterThan(byId);
      assertThat(stale).isFalse();
      assertThat(onlyEffect("ORD-1").status()).isEqualTo(EffectStatus.RUNNING);
      assertThat(store.completeEffect("E-1", byDue, 1, BASE.plus(LEASE).plusSeconds(2))).isTrue();
    }

    @Test
    void effectWhoseLeaseEndedCountsFromItsLeaseEndInTheDueOrder() {
      // given E-STUCK claimed with a lease to +100s, E-EARLY due at +50s, E-LATE due at +150s
      insertOrderWithEffects("ORD-1", effect("E-STUCK", "ORD-1", BASE));
      assertThat(store.claimDueEffects(BASE, at(100), 10)).hasSize(1);
      store.insert(
          record(order("ORD-2")),
          List.of(effect("E-LATE", "ORD-2", at(150)), effect("E-EARLY", "ORD-2", at(50))),
          List.of());

      // when a sweeper claims one at a time at +200s
      List<String> order = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        order.addAll(ids(store.claimDueEffects(at(200), at(900), 1)));
      }

      // then the stuck one is due from its lease end, between the other two
      assertThat(order).containsExactly("E-EARLY", "E-STUCK", "E-LATE");
    }

    @Test
    void reclaimedEffectIsRunningUnderTheNewLeaseOnly() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));
      claimOneDue(BASE);
      Instant second = BASE.plus(LEASE);
      List<ClaimedEffect> reclaimed = store.claimDueEffects(second, second.plus(LEASE), 10);

      // then the new lease holds it until its own end, then frees it
      assertThat(reclaimed)
          .singleElement()
          .satisfies(c -> assertThat(c.leaseUntil()).isEqualTo(second.plus(LEASE)));
      assertThat(store.claimDueEffects(second.plus(LEASE).minusMillis(1), at(7200), 10)).isEmpty();
      assertThat(ids(store.claimDueEffects(second.plus(LEASE), at(7200), 10)))
          .containsExactly("E-1");
    }
  }

  // ---------------------------------------------------------------- due work: what is due

  @Nested
  class DueWorkDueConditions {

    @Test
    void expiryClaimsReservingAndPendingOrdersWhoseExpiryIsDueByTheCutoff() {
      // given orders of every status past the cutoff, and some at or after it
      Instant cutoff = at(3600);
      insertOrder(order("ORD-PENDING", OrderStatus.PENDING_PAYMENT, cutoff.minusSeconds(10)));
      insertOrder(order("ORD-RESERVING", OrderStatus.RESERVING, cutoff.minusSeconds(5)));
      insertOrder(order("ORD-AT-CUTOFF", OrderStatus.PENDING_PAYMENT, cutoff));
      insertOrder(order("ORD-AFTER", OrderStatus.PENDING_PAYMENT, cutoff.plusMillis(1)));
      insertOrder(order("ORD-RESERVING-AFTER", OrderStatus.RESERVING, cutoff.plusMillis(1)));
      for (OrderStatus other : OrderStatus.values()) {
        if (other != OrderStatus.PENDING_PAYMENT && other != OrderStatus.RESERVING) {
          insertOrder(order("ORD-" + other, other, cutoff.minusSeconds(20)));
        }
      }

      // when claimed with a "now" well after the cutoff
      List<DueWork> claimed =
          store.claimDueWork(DueWorkKind.EXPIRY, cutoff, at(7200), at(7500), 100);

      // then the cutoff decides (an expiry equal to it is due), oldest expiry first
      assertThat(claimed)
          .containsExactly(
              new DueWork(DueWorkKind.EXPIRY, "ORD-PENDING", "ORD-PENDING", 1),
              new DueWork(DueWorkKind.EXPIRY, "ORD-RESERVING", "ORD-RESERVING", 1),
              new DueWork(DueWorkKind.EXPIRY, "ORD-AT-CUTOFF", "ORD-AT-CUTOFF", 1));
    }

    @Test
    void paymentCheckClaimsUnsettledPaymentsCreatedByTheCutoff() {
      // given payments of every status over two orders, inserted out of time order
      Instant cutoff = at(3600);
      List<Payment> first = new ArrayList<>();
      first.add(payment("PAY-PREPAID", "ORD-1", PaymentStatus.PREPAID, at(10)));
      first.add(payment("PAY-CREATED", "ORD-1", PaymentStatus.CREATED, at(5)));
      first.add(payment("PAY-UNKNOWN", "ORD-1", PaymentStatus.UNKNOWN, at(30)));
      for (PaymentStatus s :
          List.of(
              PaymentStatus.PREPAY_FAILED,
              PaymentStatus.SUCCEEDED,
              PaymentStatus.FAILED,
              PaymentStatus.CLOSED)) {
        first.add(payment("PAY-" + s, "ORD-1", s, at(1)));
      }
      store.insert(new OrderRecord(order("ORD-1"), first, List.of()), List.of(), List.of());
      store.insert(
          record(
              order("ORD-2"),
              payment("PAY-OTHER", "ORD-2", PaymentStatus.PREPAID, at(20)),
              payment("PAY-AT-CUTOFF", "ORD-2", PaymentStatus.CREATED, cutoff),
              payment("PAY-AFTER", "ORD-2", PaymentStatus.CREATED, cutoff.plusMillis(1))),
          List.of(),
          List.of());

      // when
      List<DueWork> claimed =
          store.claimDueWork(DueWorkKind.PAYMENT_CHECK, cutoff, at(7200), at(7500), 100);

      // then created at or before the cutoff, oldest first, each with its order
      assertThat(claimed)
          .containsExactly(
              new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-CREATED", "ORD-1", 1),
              new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-PREPAID", "ORD-1", 1),
              new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-OTHER", "ORD-2", 1),
              new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-UNKNOWN", "ORD-1", 1),
              new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-AT-CUTOFF", "ORD-2", 1));
    }

    @Test
    void refundCheckClaimsCreatedAndProcessingRefundsLastUpdatedByTheCutoff() {
      // given refunds of every status; their creation time does not matter, their update does
      Instant cutoff = at(3600);
      List<Refund> refunds = new ArrayList<>();
      refunds.add(refund("REF-PROCESSING", "ORD-1", "PAY-1", RefundStatus.PROCESSING, at(20)));
      refunds.add(refund("REF-CREATED", "ORD-1", "PAY-1", RefundStatus.CREATED, at(10)));
      refunds.add(refund("REF-AT-CUTOFF", "ORD-1", "PAY-1", RefundStatus.PROCESSING, cutoff));
      refunds.add(
          refund("REF-AFTER", "ORD-1", "PAY-1", RefundStatus.PROCESSING, cutoff.plusMillis(1)));
      refunds.add(refund("REF-SUCCEEDED", "ORD-1", "PAY-1", RefundStatus.SUCCEEDED, at(1)));
      refunds.add(refund("REF-FAILED", "ORD-1", "PAY-1", RefundStatus.FAILED, at(1)));
      store.insert(
          new OrderRecord(
              order("ORD-1", OrderStatus.REFUNDING, at(1800)),
              List.of(paidPayment("PAY-1", "ORD-1", at(1))),
              refunds),
          List.of(),
          List.of());

      // when
      List<DueWork> claimed =
          store.claimDueWork(DueWorkKind.REFUND_CHECK, cutoff, at(7200), at(7500), 100);

      // then
      assertThat(claimed)
          .containsExactly(
              new DueWork(DueWorkKind.REFUND_CHECK, "REF-CREATED", "ORD-1", 1),
              new DueWork(DueWorkKind.REFUND_CHECK, "REF-PROCESSING", "ORD-1", 1),
              new DueWork(DueWorkKind.REFUND_CHECK, "REF-AT-CUTOFF", "ORD-1", 1));
    }

    @Test
    void claimTakesAtMostTheLimitAndNothingWhenNothingIsDue() {
      // given
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, at(3600), at(3600), at(3900), 10))
          .isEmpty();
      for (int i = 0; i < 5; i++) {
        insertOrder(order("ORD-" + i, OrderStatus.PENDING_PAYMENT, at(i)));
      }

      // when
      List<DueWork> claimed =
          store.claimDueWork(DueWorkKind.EXPIRY, at(3600), at(3600), at(3900), 2);

      // then
      assertThat(keys(claimed)).containsExactly("ORD-0", "ORD-1");
    }

    @Test
    void kindsAreClaimedSeparately() {
      // given an expired order with an unsettled payment and an open refund
      store.insert(
          new OrderRecord(
              order("ORD-1", OrderStatus.PENDING_PAYMENT, at(10)),
              List.of(payment("PAY-1", "ORD-1", PaymentStatus.PREPAID, BASE)),
              List.of(refund("REF-1", "ORD-1", "PAY-1", RefundStatus.PROCESSING, BASE))),
          List.of(),
          List.of());

      // when each kind is claimed in turn
      List<DueWork> expiry = claimWork(DueWorkKind.EXPIRY, at(60));
      List<DueWork> check = claimWork(DueWorkKind.PAYMENT_CHECK, at(60));
      List<DueWork> refundCheck = claimWork(DueWorkKind.REFUND_CHECK, at(60));

      // then a lease on one kind holds no other
      assertThat(expiry).containsExactly(new DueWork(DueWorkKind.EXPIRY, "ORD-1", "ORD-1", 1));
      assertThat(check)
          .containsExactly(new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-1", "ORD-1", 1));
      assertThat(refundCheck)
          .containsExactly(new DueWork(DueWorkKind.REFUND_CHECK, "REF-1", "ORD-1", 1));
    }
  }

  // ---------------------------------------------------------------- due work: leases

  @Nested
  class DueWorkLeases {

    @Test
    void claimedItemIsNotClaimedAgainBeforeItsLeaseEnds() {
      // given
      insertOrder(order("ORD-1", OrderStatus.PENDING_PAYMENT, BASE));
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, BASE, BASE, at(300), 10)).hasSize(1);

      // when another instance looks just before the lease ends, with any cutoff
      List<DueWork> during =
          store.claimDueWork(DueWorkKind.EXPIRY, at(86_400), at(300).minusMillis(1), at(3600), 10);

      // then
      assertThat(during).isEmpty();
    }

    @Test
    void itemIsFreeAgainWhenItsLeaseEndsAndCountsItsAttempts() {
      // given an order nobody manages to close
      insertOrder(order("ORD-1", OrderStatus.PENDING_PAYMENT, BASE));

      // when it is claimed whenever its lease has ended, three times
      List<DueWork> first = store.claimDueWork(DueWorkKind.EXPIRY, BASE, BASE, at(300), 10);
      List<DueWork> second = store.claimDueWork(DueWorkKind.EXPIRY, at(300), at(300), at(600), 10);
      List<DueWork> third = store.claimDueWork(DueWorkKind.EXPIRY, at(600), at(600), at(900), 10);

      // then "ended" is leaseUntil <= now, and attempts count this claim too
      assertThat(first).extracting(DueWork::attempts).containsExactly(1);
      assertThat(second).extracting(DueWork::attempts).containsExactly(2);
      assertThat(third).extracting(DueWork::attempts).containsExactly(3);
    }

    @Test
    void deferredItemIsFreeOnlyAtItsNewTime() {
      // given a payment check that found the payment still pending and backs off to +600s
      store.insert(record(order("ORD-1"), payment("PAY-1", "ORD-1")), List.of(), List.of());
      assertThat(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, BASE, BASE, at(300), 10)).hasSize(1);

      // when
      store.deferDueWork(DueWorkKind.PAYMENT_CHECK, "PAY-1", at(600));

      // then its lease's end does not free it, the deferral does; the attempts go on counting
      assertThat(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(300), at(300), at(900), 10))
          .isEmpty();
      assertThat(
              store.claimDueWork(
                  DueWorkKind.PAYMENT_CHECK, at(600), at(600).minusMillis(1), at(900), 10))
          .isEmpty();
      assertThat(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(600), at(600), at(900), 10))
          .containsExactly(new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-1", "ORD-1", 2));
    }

    @Test
    void deferralToATimeBeforeTheLeaseEndFreesTheItemThen() {
      // given
      store.insert(
          new OrderRecord(
              order("ORD-1", OrderStatus.REFUNDING, at(1800)),
              List.of(paidPayment("PAY-1", "ORD-1", BASE)),
              List.of(refund("REF-1", "ORD-1", "PAY-1", RefundStatus.PROCESSING, BASE))),
          List.of(),
          List.of());
      assertThat(store.claimDueWork(DueWorkKind.REFUND_CHECK, BASE, BASE, at(300), 10)).hasSize(1);

      // when the worker is done with it early and wants it back at +10s
      store.deferDueWork(DueWorkKind.REFUND_CHECK, "REF-1", at(10));

      // then
      assertThat(store.claimDueWork(DueWorkKind.REFUND_CHECK, at(10), at(10), at(300), 10))
          .containsExactly(new DueWork(DueWorkKind.REFUND_CHECK, "REF-1", "ORD-1", 2));
    }

    @Test
    void deferralOfAnItemThatIsGoneOrNoLongerDueIsANoOp() {
      // given a paid order that was once due, and a pending one
      OrderRecord paidV1 = record(order("ORD-PAID", OrderStatus.PENDING_PAYMENT, BASE));
      store.insert(paidV1, List.of(), List.of());
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, BASE, BASE, at(300), 10)).hasSize(1);
      store.update(new StoreUpdate(1, record(paid(paidV1.order(), at(1))), List.of(), List.of()));
      insertOrder(order("ORD-OPEN", OrderStatus.PENDING_PAYMENT, BASE));

      // when
      store.deferDueWork(DueWorkKind.EXPIRY, "ORD-PAID", at(10));
      store.deferDueWork(DueWorkKind.EXPIRY, "ORD-404", at(10));
      store.deferDueWork(DueWorkKind.PAYMENT_CHECK, "PAY-404", at(10));
      store.deferDueWork(DueWorkKind.REFUND_CHECK, "REF-404", at(10));

      // then nothing came back to life, and the due order is untouched
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, at(3600), at(3600), at(3900), 10))
          .containsExactly(new DueWork(DueWorkKind.EXPIRY, "ORD-OPEN", "ORD-OPEN", 1));
      assertThat(store.load("ORD-PAID").orElseThrow().order().status()).isEqualTo(OrderStatus.PAID);
    }
  }

  // ---------------------------------------------------------------- due work: fairness

  @Nested
  class DueWorkFairness {

    @Test
    void neverClaimedItemsComeOldestFirst() {
      // given ten unsettled payments created in an order unrelated to their numbers
      int[] createdSeconds = {4, 9, 1, 7, 3, 10, 2, 8, 5, 6};
      List<Payment> payments = new ArrayList<>();
      for (int s : createdSeconds) {
        payments.add(payment("PAY-" + s, "ORD-1", PaymentStatus.PREPAID, at(s)));
      }
      store.insert(new OrderRecord(order("ORD-1"), payments, List.of()), List.of(), List.of());

      // when a sweeper with a small batch claims twice
      List<DueWork> first = claimWork(DueWorkKind.PAYMENT_CHECK, at(60), 3);
      List<DueWork> second = claimWork(DueWorkKind.PAYMENT_CHECK, at(60), 3);

      // then
      assertThat(keys(first)).containsExactly("PAY-1", "PAY-2", "PAY-3");
      assertThat(keys(second)).containsExactly("PAY-4", "PAY-5", "PAY-6");
    }

    @Test
    void stuckItemGoesBehindItemsNeverClaimed() {
      // given the oldest order was claimed and its lease ended without it being closed
      insertOrder(order("ORD-STUCK", OrderStatus.PENDING_PAYMENT, at(-100)));
      assertThat(keys(store.claimDueWork(DueWorkKind.EXPIRY, BASE, BASE, at(60), 10)))
          .containsExactly("ORD-STUCK");
      insertOrder(order("ORD-B", OrderStatus.PENDING_PAYMENT, at(20)));
      insertOrder(order("ORD-A", OrderStatus.PENDING_PAYMENT, at(10)));

      // when a sweeper claims one at a time once all are due and free
      List<DueWork> claims = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        claims.addAll(store.claimDueWork(DueWorkKind.EXPIRY, at(120), at(120), at(900), 1));
      }

      // then the never-claimed come first, though the stuck one is due longest
      assertThat(claims)
          .containsExactly(
              new DueWork(DueWorkKind.EXPIRY, "ORD-A", "ORD-A", 1),
              new DueWork(DueWorkKind.EXPIRY, "ORD-B", "ORD-B", 1),
              new DueWork(DueWorkKind.EXPIRY, "ORD-STUCK", "ORD-STUCK", 2));
    }

    @Test
    void claimedItemsComeByWhenTheyBecameFree() {
      // given three payments claimed one by one with leases ending at +100s, +50s and +80s, and
      // the third then deferred to +20s
      store.insert(
          record(
              order("ORD-1"),
              payment("PAY-1", "ORD-1", PaymentStatus.PREPAID, at(1)),
              payment("PAY-2", "ORD-1", PaymentStatus.PREPAID, at(2)),
              payment("PAY-3", "ORD-1", PaymentStatus.PREPAID, at(3))),
          List.of(),
          List.of());
      assertThat(keys(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(5), at(5), at(100), 1)))
          .containsExactly("PAY-1");
      assertThat(keys(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(5), at(5), at(50), 1)))
          .containsExactly("PAY-2");
      assertThat(keys(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(5), at(5), at(80), 1)))
          .containsExactly("PAY-3");
      store.deferDueWork(DueWorkKind.PAYMENT_CHECK, "PAY-3", at(20));

      // when all are free again
      List<DueWork> claims = claimWork(DueWorkKind.PAYMENT_CHECK, at(200), 10);

      // then
      assertThat(keys(claims)).containsExactly("PAY-3", "PAY-2", "PAY-1");
    }

    @Test
    void backlogOfOldItemsCannotStarveANewerOne() {
      // given twelve old payments that no query ever settles
      List<Payment> old = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        old.add(payment("PAY-OLD-" + i, "ORD-OLD", PaymentStatus.UNKNOWN, at(-1000 + i)));
      }
      store.insert(new OrderRecord(order("ORD-OLD"), old, List.of()), List.of(), List.of());
      Instant now = BASE;
      List<DueWork> claims = new ArrayList<>(claimWork(DueWorkKind.PAYMENT_CHECK, now, 3));
      store.insert(
          record(order("ORD-NEW"), payment("PAY-NEW", "ORD-NEW", PaymentStatus.UNKNOWN, at(1))),
          List.of(),
          List.of());

      // when a sweeper with a batch of 3 runs every time the leases have ended
      for (int sweep = 0; sweep < 6; sweep++) {
        now = now.plus(LEASE);
        claims.addAll(claimWork(DueWorkKind.PAYMENT_CHECK, now, 3));
      }

      // then the new payment is claimed before any old one is claimed a second time
      List<String> order = claims.stream().map(w -> w.key() + "#" + w.attempts()).toList();
      assertThat(order).contains("PAY-NEW#1");
      int newAt = order.indexOf("PAY-NEW#1");
      assertThat(claims.subList(0, newAt)).allSatisfy(w -> assertThat(w.attempts()).isEqualTo(1));
      assertThat(newAt).isLessThan(13);
    }
  }

  // ---------------------------------------------------------------- due work: concurrency

  @Nested
  class DueWorkConcurrency {

    @Test
    void concurrentClaimsClaimEachItemExactlyOncePerLease() {
      // given 200 expired orders, each with an unsettled payment and an open refund
      Set<String> all = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        String orderNo = "ORD-" + i;
        store.insert(
            new OrderRecord(
                order(orderNo, OrderStatus.PENDING_PAYMENT, at(-i)),
                List.of(payment("PAY-" + i, orderNo, PaymentStatus.PREPAID, at(-i))),
                List.of(refund("REF-" + i, orderNo, "PAY-" + i, RefundStatus.CREATED, at(-i)))),
            List.of(),
            List.of());
        all.addAll(List.of("EXPIRY/" + orderNo, "PAYMENT_CHECK/PAY-" + i, "REFUND_CHECK/REF-" + i));
      }

      // when several instances sweep all three kinds at once, in small batches, twice: during a
      // first lease, then after it ended
      List<DueWork> firstRound = raceClaims(BASE, all.size());
      List<DueWork> secondRound = raceClaims(BASE.plus(LEASE), all.size());

      // then in each lease every item was claimed by exactly one of them
      assertThat(firstRound).extracting(DueWork::attempts).containsOnly(1);
      assertThat(secondRound).extracting(DueWork::attempts).containsOnly(2);
      for (List<DueWork> round : List.of(firstRound, secondRound)) {
        List<String> claimed = round.stream().map(w -> w.kind() + "/" + w.key()).toList();
        assertThat(claimed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(all);
      }
    }

    /** Races threads() sweepers, each claiming every kind at {@code now} until none is left. */
    private List<DueWork> raceClaims(Instant now, int bound) {
      ConcurrentLinkedQueue<DueWork> claimed = new ConcurrentLinkedQueue<>();
      List<Race.Outcome<Integer>> outcomes =
          Race.run(
              threads(),
              threads(),
              t ->
                  () -> {
                    int batches = 0;
                    boolean any = true;
                    // bounded: a store that hands items out twice must fail, not spin
                    while (any && claimed.size() <= bound) {
                      any = false;
                      for (DueWorkKind kind : DueWorkKind.values()) {
                        List<DueWork> batch =
                            store.claimDueWork(kind, now, now, now.plus(LEASE), 3);
                        claimed.addAll(batch);
                        any |= !batch.isEmpty();
                        batches++;
                      }
                    }
                    return batches;
                  });
      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      return new ArrayList<>(claimed);
    }
  }

  // ---------------------------------------------------------------- due work: record changes

  @Nested
  class DueWorkAndRecordChanges {

    @Test
    void paidOrderIsNotClaimedForExpiry() {
      // given one order paid while its expiry was leased, one paid before any sweep
      OrderRecord leased = record(order("ORD-LEASED", OrderStatus.PENDING_PAYMENT, BASE));
      store.insert(leased, List.of(), List.of());
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, BASE, BASE, at(300), 10)).hasSize(1);
      OrderRecord early = record(order("ORD-EARLY", OrderStatus.PENDING_PAYMENT, BASE));
      store.insert(early, List.of(), List.of());

      // when both are paid
      store.update(new StoreUpdate(1, record(paid(leased.order(), at(1))), List.of(), List.of()));
      store.update(new StoreUpdate(1, record(paid(early.order(), at(1))), List.of(), List.of()));

      // then neither is claimed, not even once the lease ended
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, at(3600), at(3600), at(3900), 10))
          .isEmpty();
    }

    @Test
    void settledPaymentIsNotClaimedForACheck() {
      // given two unsettled payments, one of them leased
      OrderRecord v1 =
          record(
              order("ORD-1"),
              payment("PAY-1", "ORD-1", PaymentStatus.PREPAID, BASE),
              payment("PAY-2", "ORD-1", PaymentStatus.UNKNOWN, at(1)));
      store.insert(v1, List.of(), List.of());
      assertThat(keys(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(5), at(5), at(300), 1)))
          .containsExactly("PAY-1");

      // when both settle: one succeeds, the other is closed
      store.update(
          new StoreUpdate(
              1,
              record(
                  paid(v1.order(), at(2)),
                  paidPayment("PAY-1", "ORD-1", at(2)),
                  payment("PAY-2", "ORD-1", PaymentStatus.CLOSED, at(1))),
              List.of(),
              List.of()));

      // then
      assertThat(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(3600), at(3600), at(3900), 10))
          .isEmpty();
    }

    @Test
    void succeededRefundIsNotClaimedForACheck() {
      // given a refund being checked
      OrderRecord v1 =
          new OrderRecord(
              order("ORD-1", OrderStatus.REFUNDING, at(1800)),
              List.of(paidPayment("PAY-1", "ORD-1", BASE)),
              List.of(refund("REF-1", "ORD-1", "PAY-1", RefundStatus.PROCESSING, BASE)));
      store.insert(v1, List.of(), List.of());
      assertThat(store.claimDueWork(DueWorkKind.REFUND_CHECK, BASE, BASE, at(300), 10)).hasSize(1);

      // when the channel says it succeeded
      store.update(
          new StoreUpdate(
              1,
              new OrderRecord(
                  next(v1.order(), OrderStatus.REFUNDED),
                  v1.payments(),
                  List.of(refund("REF-1", "ORD-1", "PAY-1", RefundStatus.SUCCEEDED, at(2)))),
              List.of(),
              List.of()));

      // then
      assertThat(store.claimDueWork(DueWorkKind.REFUND_CHECK, at(3600), at(3600), at(3900), 10))
          .isEmpty();
    }

    @Test
    void leaseAndAttemptsSurviveAnUpdateOfTheRecord() {
      // given an order whose expiry is leased, and whose open refund is leased
      OrderRecord v1 =
          new OrderRecord(
              order("ORD-1", OrderStatus.PENDING_PAYMENT, BASE),
              List.of(payment("PAY-1", "ORD-1", PaymentStatus.PREPAID, BASE)),
              List.of(refund("REF-1", "ORD-1", "PAY-1", RefundStatus.CREATED, BASE)));
      store.insert(v1, List.of(), List.of());
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, BASE, BASE, at(300), 10)).hasSize(1);
      assertThat(store.claimDueWork(DueWorkKind.REFUND_CHECK, BASE, BASE, at(300), 10)).hasSize(1);

      // when the record is updated, still due: a payment added, the refund now PROCESSING
      store.update(
          new StoreUpdate(
              1,
              new OrderRecord(
                  next(v1.order(), OrderStatus.PENDING_PAYMENT),
                  List.of(
                      payment("PAY-1", "ORD-1", PaymentStatus.PREPAID, BASE),
                      payment("PAY-2", "ORD-1", PaymentStatus.CREATED, at(1))),
                  List.of(refund("REF-1", "ORD-1", "PAY-1", RefundStatus.PROCESSING, at(2)))),
              List.of(),
              List.of()));

      // then the leases still hold, and the next claims count on from the first
      Instant during = at(300).minusMillis(1);
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, during, during, at(900), 10)).isEmpty();
      assertThat(store.claimDueWork(DueWorkKind.REFUND_CHECK, during, during, at(900), 10))
          .isEmpty();
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, at(300), at(300), at(900), 10))
          .containsExactly(new DueWork(DueWorkKind.EXPIRY, "ORD-1", "ORD-1", 2));
      assertThat(store.claimDueWork(DueWorkKind.REFUND_CHECK, at(300), at(300), at(900), 10))
          .containsExactly(new DueWork(DueWorkKind.REFUND_CHECK, "REF-1", "ORD-1", 2));
    }

    @Test
    void deferralSurvivesAnUpdateOfTheRecord() {
      // given a payment check deferred to +600s
      OrderRecord v1 = record(order("ORD-1"), payment("PAY-1", "ORD-1"));
      store.insert(v1, List.of(), List.of());
      assertThat(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, BASE, BASE, at(60), 10)).hasSize(1);
      store.deferDueWork(DueWorkKind.PAYMENT_CHECK, "PAY-1", at(600));

      // when the payment is prepaid in the meantime
      store.update(
          new StoreUpdate(
              1,
              record(
                  next(v1.order(), OrderStatus.PENDING_PAYMENT),
                  payment("PAY-1", "ORD-1", PaymentStatus.PREPAID, BASE)),
              List.of(),
              List.of()));

      // then
      assertThat(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(599), at(599), at(900), 10))
          .isEmpty();
      assertThat(store.claimDueWork(DueWorkKind.PAYMENT_CHECK, at(600), at(600), at(900), 10))
          .containsExactly(new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-1", "ORD-1", 2));
    }

    @Test
    void paymentsAndRefundsAddedByAnUpdateAreDue() {
      // given
      OrderRecord v1 = record(order("ORD-1", OrderStatus.PAID, at(1800)));
      store.insert(v1, List.of(), List.of());

      // when a late payment and a refund arrive with an update
      store.update(
          new StoreUpdate(
              1,
              new OrderRecord(
                  next(v1.order(), OrderStatus.REFUNDING),
                  List.of(payment("PAY-1", "ORD-1", PaymentStatus.UNKNOWN, at(5))),
                  List.of(refund("REF-1", "ORD-1", "PAY-1", RefundStatus.CREATED, at(6)))),
              List.of(),
              List.of()));

      // then
      assertThat(claimWork(DueWorkKind.PAYMENT_CHECK, at(60)))
          .containsExactly(new DueWork(DueWorkKind.PAYMENT_CHECK, "PAY-1", "ORD-1", 1));
      assertThat(claimWork(DueWorkKind.REFUND_CHECK, at(60)))
          .containsExactly(new DueWork(DueWorkKind.REFUND_CHECK, "REF-1", "ORD-1", 1));
      assertThat(claimWork(DueWorkKind.EXPIRY, at(3600))).isEmpty();
    }

    @Test
    void refusedUpdateCreatesNoDueWork() {
      // given
      OrderRecord v1 = record(order("ORD-1", OrderStatus.PAID, at(1800)));
      store.insert(v1, List.of(), List.of());
      OrderRecord stale =
          record(
              order("ORD-1", OrderStatus.PENDING_PAYMENT, BASE, 8),
              payment("PAY-1", "ORD-1", PaymentStatus.CREATED, BASE));

      // when a writer that read version 7 (the store holds 1) writes version 8
      assertThatThrownBy(() -> store.update(new StoreUpdate(7, stale, List.of(), List.of())))
          .isInstanceOf(ConcurrentUpdateException.class);

      // then
      assertThat(claimWork(DueWorkKind.EXPIRY, at(3600))).isEmpty();
      assertThat(claimWork(DueWorkKind.PAYMENT_CHECK, at(3600))).isEmpty();
    }
  }

  // ---------------------------------------------------------------- RESERVING orders

  @Nested
  class ReservingOrders {

    @Test
    void reservingOrderRoundTrips() {
      // given
      OrderRecord record = record(order("ORD-1", OrderStatus.RESERVING, at(1800)));

      // when
      store.insert(record, List.of(), List.of());

      // then
      assertThat(store.load("ORD-1")).contains(record);
      assertThat(store.statistics().orders()).containsEntry(OrderStatus.RESERVING, 1L);
    }

    @Test
    void reservingOrderLeftByACrashIsDueForExpiryOnceItsExpiryIsDue() {
      // given
      insertOrder(order("ORD-1", OrderStatus.RESERVING, at(1800)));

      // when / then
      assertThat(claimWork(DueWorkKind.EXPIRY, at(1800).minusMillis(1))).isEmpty();
      assertThat(claimWork(DueWorkKind.EXPIRY, at(1800)))
          .containsExactly(new DueWork(DueWorkKind.EXPIRY, "ORD-1", "ORD-1", 1));
    }

    @Test
    void reservedOrderKeepsItsExpiryClaimWhenItMovesToPendingPayment() {
      // given a RESERVING order whose expiry is leased
      OrderRecord v1 = record(order("ORD-1", OrderStatus.RESERVING, BASE));
      store.insert(v1, List.of(), List.of());
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, BASE, BASE, at(300), 10)).hasSize(1);

      // when its stock is reserved
      store.update(
          new StoreUpdate(
              1, record(next(v1.order(), OrderStatus.PENDING_PAYMENT)), List.of(), List.of()));

      // then it is still due (now PENDING_PAYMENT), still under the same claim
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, at(299), at(299), at(900), 10)).isEmpty();
      assertThat(store.claimDueWork(DueWorkKind.EXPIRY, at(300), at(300), at(900), 10))
          .containsExactly(new DueWork(DueWorkKind.EXPIRY, "ORD-1", "ORD-1", 2));
    }

    @Test
    void closedReservingOrderIsNoLongerDue() {
      // given
      OrderRecord v1 = record(order("ORD-1", OrderStatus.RESERVING, BASE));
      store.insert(v1, List.of(), List.of());

      // when its reservation was refused and it was closed
      store.update(
          new StoreUpdate(1, record(next(v1.order(), OrderStatus.CLOSED)), List.of(), List.of()));

      // then
      assertThat(claimWork(DueWorkKind.EXPIRY, at(3600))).isEmpty();
    }
  }

  // ---------------------------------------------------------------- statistics

  @Nested
  class Statistics {

    @Test
    void emptyStoreCountsZeroForEveryStatus() {
      // when
      StoreStatistics stats = store.statistics();

      // then every constant is there, so a console can show a zero
      assertThat(stats.orders()).containsOnlyKeys(OrderStatus.values()).containsValue(0L);
      assertThat(stats.orders().values()).containsOnly(0L);
      assertThat(stats.payments()).containsOnlyKeys(PaymentStatus.values());
      assertThat(stats.payments().values()).containsOnly(0L);
      assertThat(stats.refunds()).containsOnlyKeys(RefundStatus.values());
      assertThat(stats.refunds().values()).containsOnly(0L);
      assertThat(stats.effects()).containsOnlyKeys(EffectStatus.values());
      assertThat(stats.effects().values()).containsOnly(0L);
    }

    @Test
    void countsFollowInsertsAndUpdates() {
      // given
      OrderRecord v1 =
          record(
              order("ORD-1"),
              payment("PAY-1", "ORD-1", PaymentStatus.PREPAY_FAILED, BASE),
              payment("PAY-2", "ORD-1", PaymentStatus.PREPAID, at(1)));
      store.insert(v1, List.of(), List.of());
      insertOrder(order("ORD-2"));
      insertOrder(order("ORD-3", OrderStatus.RESERVING, at(1800)));
      store.insert(
          new OrderRecord(
              order("ORD-4", OrderStatus.REFUNDING, at(1800)),
              List.of(paidPayment("PAY-4", "ORD-4", BASE)),
              List.of(
                  refund("REF-1", "ORD-4", "PAY-4", RefundStatus.PROCESSING, BASE),
                  refund("REF-2", "ORD-4", "PAY-4", RefundStatus.FAILED, BASE))),
          List.of(),
          List.of());

      // when ORD-1 is paid by PAY-2
      store.update(
          new StoreUpdate(
              1,
              record(
                  paid(v1.order(), at(5)),
                  payment("PAY-1", "ORD-1", PaymentStatus.PREPAY_FAILED, BASE),
                  paidPayment("PAY-2", "ORD-1", at(5))),
              List.of(),
              List.of()));
      StoreStatistics stats = store.statistics();

      // then
      assertThat(stats.orders())
          .containsEntry(OrderStatus.PAID, 1L)
          .containsEntry(OrderStatus.PENDING_PAYMENT, 1L)
          .containsEntry(OrderStatus.RESERVING, 1L)
          .containsEntry(OrderStatus.REFUNDING, 1L)
          .containsEntry(OrderStatus.CLOSED, 0L);
      assertThat(stats.orders().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
      assertThat(stats.payments())
          .containsEntry(PaymentStatus.SUCCEEDED, 2L)
          .containsEntry(PaymentStatus.PREPAY_FAILED, 1L)
          .containsEntry(PaymentStatus.PREPAID, 0L);
      assertThat(stats.refunds())
          .containsEntry(RefundStatus.PROCESSING, 1L)
          .containsEntry(RefundStatus.FAILED, 1L)
          .containsEntry(RefundStatus.CREATED, 0L);
    }

    @Test
    void effectCountsFollowClaimsAndOutcomes() {
      // given five effects: one left pending, one running, one done, one dead, one revived
      insertOrderWithEffects(
          "ORD-1",
          effect("E-PENDING", "ORD-1", at(100)),
          effect("E-RUNNING", "ORD-1", BASE),
          effect("E-DONE", "ORD-1", BASE),
          effect("E-DEAD", "ORD-1", BASE),
          effect("E-REVIVED", "ORD-1", BASE));
      Map<String, Long> tokens = tokens(store.claimDueEffects(BASE, BASE.plus(LEASE), 10));
      assertThat(store.completeEffect("E-DONE", tokens.get("E-DONE"), 1, at(1))).isTrue();
      assertThat(store.parkEffect("E-DEAD", tokens.get("E-DEAD"), 1, "x", at(1))).isTrue();
      assertThat(store.parkEffect("E-REVIVED", tokens.get("E-REVIVED"), 1, "x", at(1))).isTrue();
      assertThat(store.reviveEffect("E-REVIVED", at(2))).isTrue();

      // when
      StoreStatistics stats = store.statistics();

      // then
      assertThat(stats.effects())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  EffectStatus.PENDING, 2L,
                  EffectStatus.RUNNING, 1L,
                  EffectStatus.DONE, 1L,
                  EffectStatus.DEAD, 1L));
    }

    @Test
    void statisticsCannotBeChangedByTheirReader() {
      // given
      StoreStatistics stats = store.statistics();

      // when / then
      assertThatThrownBy(() -> stats.orders().put(OrderStatus.PAID, 5L))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> stats.effects().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  // ---------------------------------------------------------------- views for the console

  @Nested
  class Views {

    @Test
    void effectsByStatusComeLeastRecentlyUpdatedFirstUpToTheLimit() {
      // given four effects parked at different times, and one left pending
      insertOrderWithEffects(
          "ORD-1",
          effect("E-40", "ORD-1", BASE),
          effect("E-10", "ORD-1", BASE),
          effect("E-30", "ORD-1", BASE),
          effect("E-20", "ORD-1", BASE),
          effect("E-PENDING", "ORD-1", at(100)));
      Map<String, Long> tokens = tokens(store.claimDueEffects(BASE, BASE.plus(LEASE), 10));
      for (String id : List.of("E-40", "E-10", "E-30", "E-20")) {
        long seconds = Long.parseLong(id.substring(2));
        assertThat(store.parkEffect(id, tokens.get(id), 8, "dead " + id, at(seconds))).isTrue();
      }

      // when
      List<Effect> dead = store.findEffectsByStatus(EffectStatus.DEAD, 3);

      // then whole effects, oldest update first
      assertThat(dead).extracting(Effect::id).containsExactly("E-10", "E-20", "E-30");
      assertThat(dead.get(0).lastError()).isEqualTo("dead E-10");
      assertThat(store.findEffectsByStatus(EffectStatus.PENDING, 10))
          .extracting(Effect::id)
          .containsExactly("E-PENDING");
      assertThat(store.findEffectsByStatus(EffectStatus.DONE, 10)).isEmpty();
      assertThat(store.findEffectsByStatus(EffectStatus.DEAD, 10))
          .extracting(Effect::id)
          .containsExactly("E-10", "E-20", "E-30", "E-40");
    }

    @Test
    void findingEffectsByStatusClaimsNothing() {
      // given
      insertOrderWithEffects("ORD-1", effect("E-1", "ORD-1", BASE));

      // when
      assertThat(store.findEffectsByStatus(EffectStatus.PENDING, 10)).hasSize(1);

      // then
      assertThat(ids(store.claimDueEffects(BASE, BASE.plus(LEASE), 10))).containsExactly("E-1");
    }

    @Test
    void ordersArePagedNewestFirst() {
      // given orders created at different times, two of them at the same instant
      insertOrder(order("ORD-B", OrderStatus.PENDING_PAYMENT, at(1800), 1, at(5)));
      insertOrder(order("ORD-OLDEST", OrderStatus.CLOSED, at(1800), 1, at(-60)));
      insertOrder(order("ORD-NEWEST", OrderStatus.PAID, at(1800), 1, at(90)));
      insertOrder(order("ORD-A", OrderStatus.RESERVING, at(1800), 1, at(5)));
      insertOrder(order("ORD-MIDDLE", OrderStatus.PENDING_PAYMENT, at(1800), 1, at(1)));

      // when
      List<Order> first = store.findOrders(0, 2);
      List<Order> second = store.findOrders(2, 2);
      List<Order> third = store.findOrders(4, 2);
      List<Order> beyond = store.findOrders(5, 2);

      // then by createdAt descending, then order number descending, whole orders
      assertThat(first).extracting(Order::orderNo).containsExactly("ORD-NEWEST", "ORD-B");
      assertThat(second).extracting(Order::orderNo).containsExactly("ORD-A", "ORD-MIDDLE");
      assertThat(third).extracting(Order::orderNo).containsExactly("ORD-OLDEST");
      assertThat(beyond).isEmpty();
      assertThat(first.get(0)).isEqualTo(store.load("ORD-NEWEST").orElseThrow().order());
    }

    @Test
    void orderPagesShowTheLatestVersion() {
      // given
      OrderRecord v1 = record(order("ORD-1"));
      store.insert(v1, List.of(), List.of());

      // when
      store.update(new StoreUpdate(1, record(paid(v1.order(), at(3))), List.of(), List.of()));

      // then
      assertThat(store.findOrders(0, 10))
          .singleElement()
          .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.PAID));
    }

    @Test
    void refundsAwaitingResultAreOpenOnesUpdatedBeforeTheCutoffOldestFirst() {
      // given refunds of every status over two orders
      Instant cutoff = at(3600);
      Refund processing =
          refund("REF-PROCESSING", "ORD-1", "PAY-1", RefundStatus.PROCESSING, at(30));
      Refund created = refund("REF-CREATED", "ORD-1", "PAY-1", RefundStatus.CREATED, at(10));
      Refund other = refund("REF-OTHER", "ORD-2", "PAY-2", RefundStatus.PROCESSING, at(20));
      Refund atCutoff = refund("REF-AT-CUTOFF", "ORD-2", "PAY-2", RefundStatus.CREATED, cutoff);
      Refund done = refund("REF-DONE", "ORD-1", "PAY-1", RefundStatus.SUCCEEDED, at(1));
      Refund failed = refund("REF-FAILED", "ORD-2", "PAY-2", RefundStatus.FAILED, at(1));
      store.insert(
          new OrderRecord(
              order("ORD-1", OrderStatus.REFUNDING, at(1800)),
              List.of(paidPayment("PAY-1", "ORD-1", BASE)),
              List.of(processing, created, done)),
          List.of(),
          List.of());
      store.insert(
          new OrderRecord(
              order("ORD-2", OrderStatus.REFUNDING, at(1800)),
              List.of(paidPayment("PAY-2", "ORD-2", BASE)),
              List.of(other, atCutoff, failed)),
          List.of(),
          List.of());

      // when
      List<Refund> awaiting = store.findRefundsAwaitingResult(cutoff, 100);
      List<Refund> limited = store.findRefundsAwaitingResult(cutoff, 2);

      // then "before" is strict, and the refunds come back whole
      assertThat(awaiting).containsExactly(created, other, processing);
      assertThat(limited).containsExactly(created, other);
    }

    @Test
    void viewsOfAwaitingWorkClaimNothing() {
      // given
      store.insert(
          new OrderRecord(
              order("ORD-1", OrderStatus.REFUNDING, at(1800)),
              List.of(payment("PAY-1", "ORD-1", PaymentStatus.UNKNOWN, BASE)),
              List.of(refund("REF-1", "ORD-1", "PAY-1", RefundStatus.PROCESSING, BASE))),
          List.of(),
          List.of());

      // when
      assertThat(store.findPaymentsAwaitingResult(at(60), 10)).hasSize(1);
      assertThat(store.findRefundsAwaitingResult(at(60), 10)).hasSize(1);

      // then the checks are still free, on their first attempt
      assertThat(claimWork(DueWorkKind.PAYMENT_CHECK, at(60)))
          .extracting(DueWork::attempts)
          .containsExactly(1);
      assertThat(claimWork(DueWorkKind.REFUND_CHECK, at(60)))
          .extracting(DueWork::attempts)
          .containsExactly(1);
    }
  }

  // ---------------------------------------------------------------- flow trace

  @Nested
  class Trace {

    @Test
    void traceKeepsAppendOrderAcrossInsertUpdateAndAppend() {
      // given entries whose times are not in append order (effects finish in any order)
      OrderRecord v1 = record(order("ORD-1"));
      store.insert(v1, List.of(), List.of(trace(at(0), "t1"), trace(at(0), "t2")));
      store.appendTrace("ORD-1", List.of(trace(at(5), "t3")));
      store.update(
          new StoreUpdate(
              1, record(paid(v1.order(), at(3))), List.of(), List.of(trace(at(3), "t4"))));
      store.appendTrace("ORD-1", List.of(trace(at(1), "t5"), trace(at(9), "t6")));
      store.appendTrace("ORD-1", List.of());

      // when
      List<TraceEntry> trace = store.loadTrace("ORD-1");

      // then
      assertThat(trace)
          .extracting(TraceEntry::message)
          .containsExactly("t1", "t2", "t3", "t4", "t5", "t6");
    }

    @Test
    void tracesOfOrdersAreSeparate() {
      // given
      store.insert(record(order("ORD-1")), List.of(), List.of(trace(BASE, "one")));
      store.insert(record(order("ORD-2")), List.of(), List.of(trace(BASE, "two")));

      // when
      store.appendTrace("ORD-2", List.of(trace(at(1), "two again")));

      // then
      assertThat(store.loadTrace("ORD-1")).extracting(TraceEntry::message).containsExactly("one");
      assertThat(store.loadTrace("ORD-2"))
          .extracting(TraceEntry::message)
          .containsExactly("two", "two again");
      assertThat(store.loadTrace("ORD-404")).isEmpty();
    }
  }

  // ---------------------------------------------------------------- fixtures

  /** {@link #BASE} plus some seconds (negative for earlier). */
  protected static Instant at(long seconds) {
    return BASE.plusSeconds(seconds);
  }

  /** A pending order, version 1, expiring 30 minutes after {@link #BASE}. */
  protected static Order order(String orderNo) {
    return order(orderNo, OrderStatus.PENDING_PAYMENT, at(1800));
  }

  protected static Order order(String orderNo, OrderStatus status, Instant expiresAt) {
    return order(orderNo, status, expiresAt, 1);
  }

  protected static Order order(
      String orderNo, OrderStatus status, Instant expiresAt, long version) {
    return order(orderNo, status, expiresAt, version, BASE);
  }

  protected static Order order(
      String orderNo, OrderStatus status, Instant expiresAt, long version, Instant createdAt) {
    return new Order(
        orderNo,
        "user-1",
        List.of(new OrderLine("SKU-1", 2, 1_250)),
        2_500,
        "咖啡豆",
        status,
        version,
        createdAt,
        expiresAt,
        null,
        null,
        0,
        null,
        null);
  }

  /** The order in {@code status}, one version on. */
  protected static Order next(Order order, OrderStatus status) {
    return order.withStatus(status);
  }

  /** The order paid at {@code paidAt}, one version on. */
  protected static Order paid(Order o, Instant paidAt) {
    return new Order(
        o.orderNo(),
        o.userId(),
        o.lines(),
        o.totalAmount(),
        o.description(),
        OrderStatus.PAID,
        o.version() + 1,
        o.createdAt(),
        o.expiresAt(),
        paidAt,
        o.closedAt(),
        o.refundedAmount(),
        o.failureReason(),
        null);
  }

  /** The order one version on with {@code refundedAmount} one more: a counter. */
  private static Order bumped(Order o) {
    return new Order(
        o.orderNo(),
        o.userId(),
        o.lines(),
        o.totalAmount(),
        o.description(),
        o.status(),
        o.version() + 1,
        o.createdAt(),
        o.expiresAt(),
        o.paidAt(),
        o.closedAt(),
        o.refundedAmount() + 1,
        o.failureReason(),
        null);
  }

  protected static Payment payment(String paymentNo, String orderNo) {
    return payment(paymentNo, orderNo, PaymentStatus.CREATED, BASE);
  }

  /** A payment with its nullable fields null and no prepay data. */
  protected static Payment payment(
      String paymentNo, String orderNo, PaymentStatus status, Instant createdAt) {
    return new Payment(
        paymentNo,
        orderNo,
        "wechat",
        TradeType.NATIVE,
        2_500,
        status,
        null,
        null,
        Map.of(),
        null,
        null,
        null,
        createdAt,
        createdAt,
        null);
  }

  protected static Payment paidPayment(String paymentNo, String orderNo, Instant paidAt) {
    return new Payment(
        paymentNo,
        orderNo,
        "wechat",
        TradeType.JSAPI,
        2_500,
        PaymentStatus.SUCCEEDED,
        "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        null,
        Map.of("prepay_id", "wx201410272009395522657a690389285100"),
        "4200000000202611240000000001",
        null,
        null,
        BASE,
        paidAt,
        paidAt);
  }

  /**
   * A refund of 500 fen in {@code status}, created at {@link #BASE}, updated at {@code updatedAt}.
   */
  protected static Refund refund(
      String refundNo, String orderNo, String paymentNo, RefundStatus status, Instant updatedAt) {
    return new Refund(
        refundNo,
        orderNo,
        paymentNo,
        500,
        "七天无理由退货",
        status,
        null,
        null,
        BASE,
        updatedAt,
        status == RefundStatus.SUCCEEDED ? updatedAt : null,
        RefundKind.REQUESTED);
  }

  protected static Refund refund(String refundNo, String orderNo, String paymentNo) {
    return new Refund(
        refundNo,
        orderNo,
        paymentNo,
        500,
        "七天无理由退货",
        RefundStatus.CREATED,
        null,
        null,
        BASE,
        BASE,
        null,
        RefundKind.REQUESTED);
  }

  /** A record of an order with these payments and no refunds. */
  protected static OrderRecord record(Order order, Payment... payments) {
    return new OrderRecord(order, List.of(payments), List.of());
  }

  /**
   * An order with every optional field set, unicode text, amounts past 2^53 and {@link
   * Long#MAX_VALUE}, and two payments and two refunds in an order that is not their number order.
   */
  protected static OrderRecord fullRecord(String orderNo) {
    Order order =
        new Order(
            orderNo,
            "用户-42 🙂",
            List.of(
                new OrderLine("SKU-COFFEE", 1, LARGE_FEN),
                new OrderLine("茶-001", Integer.MAX_VALUE, 1),
                new OrderLine("SKU-COFFEE", 3, 1)),
            Long.MAX_VALUE,
            UNICODE_TEXT,
            OrderStatus.PARTIALLY_REFUNDED,
            7,
            BASE,
            at(1800),
            at(60),
            at(7200),
            LARGE_FEN - 1,
            "部分退款 / partially refunded",
            at(120));
    Map<String, String> prepayData = new LinkedHashMap<>();
    prepayData.put("prepay_id", "wx201410272009395522657a690389285100");
    prepayData.put("code_url", "weixin://wxpay/bizpayurl?pr=p4lpSuKzz");
    prepayData.put("h5_url", "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?a=1&b=二");
    Payment second =
        new Payment(
            orderNo + "P2",
            orderNo,
            "wechat",
            TradeType.H5,
            LARGE_FEN,
            PaymentStatus.SUCCEEDED,
            "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            "2001:db8::ff00:42:8329",
            prepayData,
            "4200000000202611240000000001",
            null,
            null,
            at(30),
            at(60),
            at(59));
    Payment first =
        new Payment(
            orderNo + "P1",
            orderNo,
            "wechat",
            TradeType.APP,
            LARGE_FEN,
            PaymentStatus.PREPAY_FAILED,
            null,
            "203.0.113.7",
            Map.of(),
            null,
            "PARAM_ERROR",
            "参数错误 " + UNICODE_TEXT,
            at(10),
            at(11),
            null);
    Refund done =
        new Refund(
            orderNo + "R2",
            orderNo,
            orderNo + "P2",
            LARGE_FEN - 1,
            "质量问题 " + UNICODE_TEXT,
            RefundStatus.SUCCEEDED,
            "50000000382019052709732678859",
            null,
            at(3600),
            at(3700),
            at(3700),
            RefundKind.REQUESTED);
    Refund refused =
        new Refund(
            orderNo + "R1",
            orderNo,
            orderNo + "P2",
            1,
            "",
            RefundStatus.FAILED,
            null,
            "NOT_ENOUGH 余额不足",
            at(3000),
            at(3001),
            null,
            RefundKind.LATE_PAYMENT);
    // deliberately not in number order: the store keeps the list order (oldest first by caller)
    return new OrderRecord(order, List.of(second, first), List.of(done, refused));
  }

  /** A pending notification effect for the sms notifier, due at {@code due}. */
  protected static Effect effect(String id, String orderNo, Instant due) {
    return new Effect(
        id,
        orderNo,
        EffectType.NOTIFY,
        "sms",
        Map.of("notification", "PAYMENT_SUCCEEDED"),
        EffectStatus.PENDING,
        0,
        due,
        null,
        BASE,
        BASE);
  }

  protected static Effect effect(
      String id, String orderNo, EffectType type, String target, Instant due) {
    return new Effect(
        id, orderNo, type, target, Map.of(), EffectStatus.PENDING, 0, due, null, BASE, BASE);
  }

  protected static TraceEntry trace(Instant at, String message) {
    return new TraceEntry(
        at, Participant.ORDER_SERVICE, Participant.PAYMENT_SERVICE, message, false, "");
  }

  /** The ids of the claimed effects, in the order claimed. */
  protected static List<String> ids(List<ClaimedEffect> claims) {
    return claims.stream().map(c -> c.effect().id()).toList();
  }

  /** The keys of the claimed work, in the order claimed. */
  protected static List<String> keys(List<DueWork> work) {
    return work.stream().map(DueWork::key).toList();
  }

  /** Claims up to 100 items due and free at {@code now}, leased for {@link #LEASE}. */
  private List<DueWork> claimWork(DueWorkKind kind, Instant now) {
    return claimWork(kind, now, 100);
  }

  private List<DueWork> claimWork(DueWorkKind kind, Instant now, int limit) {
    return store.claimDueWork(kind, now, now, now.plus(LEASE), limit);
  }

  /** The one effect of this order. */
  private Effect onlyEffect(String orderNo) {
    List<Effect> effects = store.findEffects(orderNo);
    assertThat(effects).as("effects of %s", orderNo).hasSize(1);
    return effects.get(0);
  }

  /** The effects of these claims, in the order claimed. */
  protected static List<Effect> effects(List<ClaimedEffect> claims) {
    return claims.stream().map(ClaimedEffect::effect).toList();
  }

  /** The token of each claim, by effect id. */
  protected static Map<String, Long> tokens(List<ClaimedEffect> claims) {
    Map<String, Long> tokens = new LinkedHashMap<>();
    claims.forEach(c -> tokens.put(c.effect().id(), c.token()));
    return tokens;
  }

  /** Claims this one effect by id at {@code now} for {@link #LEASE}; its token. */
  private long claimOne(String effectId, Instant now) {
    List<ClaimedEffect> claims = store.claimEffects(List.of(effectId), now, now.plus(LEASE));
    assertThat(claims).as("claim of %s", effectId).hasSize(1);
    return claims.get(0).token();
  }

  /** Claims the one due effect at {@code now} for {@link #LEASE}; its token. */
  private long claimOneDue(Instant now) {
    List<ClaimedEffect> claims = store.claimDueEffects(now, now.plus(LEASE), 10);
    assertThat(claims).as("due claims at %s", now).hasSize(1);
    return claims.get(0).token();
  }

  private void insertOrder(Order order) {
    store.insert(record(order), List.of(), List.of());
  }

  private void insertOrderWithEffects(String orderNo, Effect... effects) {
    store.insert(record(order(orderNo)), List.of(effects), List.of());
  }
}
