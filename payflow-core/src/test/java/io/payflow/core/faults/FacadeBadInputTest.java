package io.payflow.core.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public entry point of {@link PayFlow} refuses bad input — nulls, blanks (Unicode ones too),
 * out-of-range numbers and durations, overflowing totals, over-long ids — with an {@link
 * InvalidRequestException} naming the field, and nothing is reserved, persisted or sent to the
 * channel: the store, the stock ledger and the channel are compared before and after each case.
 */
class FacadeBadInputTest {

  /** Blank to a person: whitespace, no-break and ideographic spaces, zero-width characters. */
  static final List<String> BLANKS =
      List.of(
          "",
          "   ",
          "\t\n",
          "\u00A0",
          "\u2003\u2002",
          "\u3000",
          "\u200B",
          "\uFEFF",
          "\u00A0\u200B\u3000");

  private static final String LONG_ID = "1".repeat(33);
  private static final Duration BEYOND = Duration.ofDays(366);

  /** The order a case works on: one pending (prepaid), one paid. */
  record Orders(String pending, String paid) {}

  record Case(String name, String field, Consumer<Orders> setup) {}

  @TestFactory
  Stream<DynamicTest> everyEntryPointRefusesBadInputByNameAndChangesNothing() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      tests.add(DynamicTest.dynamicTest(c.name() + " → " + c.field(), () -> run(c)));
    }
    return tests.stream();
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // -- createOrder
    cases.add(create("null request", "request", null));
    cases.add(create("null user", "userId", req(null, lines(1, 1_000), null, null)));
    for (String blank : BLANKS) {
      cases.add(
          create("blank user " + hex(blank), "userId", req(blank, lines(1, 1_000), null, null)));
      cases.add(
          create(
              "blank sku " + hex(blank),
              "lines[0].sku",
              req("u", List.of(new OrderLine(blank, 1, 1_000)), null, null)));
      cases.add(
          create(
              "blank description " + hex(blank),
              "description",
              req("u", lines(1, 1_000), blank, null)));
    }
    cases.add(create("user id of 65", "userId", req("u".repeat(65), lines(1, 1_000), null, null)));
    cases.add(create("no lines", "lines", req("u", null, null, null)));
    cases.add(create("empty lines", "lines", req("u", List.of(), null, null)));
    cases.add(
        create(
            "101 lines",
            "lines",
            req(
                "u",
                Collections.nCopies(101, new OrderLine(FaultWorld.SKU, 1, FaultWorld.PRICE)),
                null,
                null)));
    cases.add(
        create("null line", "lines[0]", req("u", Collections.singletonList(null), null, null)));
    cases.add(
        create(
            "sku of 65",
            "lines[0].sku",
            req("u", List.of(new OrderLine("S".repeat(65), 1, 1_000)), null, null)));
    cases.add(create("quantity 0", "lines[0].quantity", req("u", lines(0, 1_000), null, null)));
    cases.add(create("quantity -1", "lines[0].quantity", req("u", lines(-1, 1_000), null, null)));
    cases.add(create("price 0", "lines[0].unitPrice", req("u", lines(1, 0), null, null)));
    cases.add(create("price -5", "lines[0].unitPrice", req("u", lines(1, -5), null, null)));
    cases.add(
        create(
            "line amount overflows",
            "lines[0].quantity",
            req("u", lines(Integer.MAX_VALUE, Long.MAX_VALUE / 2), null, null)));
    cases.add(
        create(
            "total overflows",
            "lines[1].unitPrice",
            req(
                "u",
                List.of(
                    new OrderLine(FaultWorld.SKU, 1, Long.MAX_VALUE - 1),
                    new OrderLine(FaultWorld.SKU_2, 1, Long.MAX_VALUE - 1)),
                null,
                null)));
    cases.add(
        create(
            "description of 128", "description", req("u", lines(1, 1_000), "d".repeat(128), null)));
    for (Duration d :
        List.of(
            Duration.ZERO,
            Duration.ofSeconds(-1),
            BEYOND,
            Duration.ofSeconds(Long.MAX_VALUE),
            Duration.ofSeconds(Long.MIN_VALUE))) {
      cases.add(create("expireAfter " + d, "expireAfter", req("u", lines(1, 1_000), null, d)));
    }
    // -- startPayment
    cases.add(new Case("startPayment(null)", "request", o -> flow().startPayment(null)));
    cases.add(pay("null order", "orderNo", o -> jsapi(null, "openid")));
    for (String blank : BLANKS) {
      cases.add(pay("blank order " + hex(blank), "orderNo", o -> jsapi(blank, "openid")));
      cases.add(pay("blank payer " + hex(blank), "payerId", o -> jsapi(o.pending(), blank)));
      cases.add(
          pay(
              "blank channel " + hex(blank),
              "channel",
              o -> new StartPaymentRequest(o.pending(), blank, TradeType.JSAPI, "openid", null)));
      cases.add(
          pay(
              "blank client ip " + hex(blank),
              "clientIp",
              o ->
                  new StartPaymentRequest(
                      o.pending(), SimulatedChannel.ID, TradeType.H5, null, blank)));
    }
    cases.add(pay("order number of 33", "orderNo", o -> jsapi(LONG_ID, "openid")));
    cases.add(pay("null payer for JSAPI", "payerId", o -> jsapi(o.pending(), null)));
    cases.add(pay("payer of 129", "payerId", o -> jsapi(o.pending(), "p".repeat(129))));
    cases.add(
        pay(
            "null channel",
            "channel",
            o -> new StartPaymentRequest(o.pending(), null, TradeType.JSAPI, "openid", null)));
    cases.add(
        pay(
            "unknown channel",
            "channel",
            o -> new StartPaymentRequest(o.pending(), "alipay", TradeType.JSAPI, "openid", null)));
    cases.add(
        pay(
            "null trade type",
            "tradeType",
            o -> new StartPaymentRequest(o.pending(), SimulatedChannel.ID, null, "openid", null)));
    cases.add(
        pay(
            "client ip of 46",
            "clientIp",
            o ->
                new StartPaymentRequest(
                    o.pending(), SimulatedChannel.ID, TradeType.H5, null, "1".repeat(46))));
    // -- handlePaymentResult
    cases.add(
        new Case("handlePaymentResult(null)", "result", o -> flow().handlePaymentResult(null)));
    cases.add(
        result("null payment", "paymentNo", o -> success(null, 1_000, PaymentOutcome.SUCCEEDED)));
    for (String blank : BLANKS) {
      cases.add(
          result(
              "blank payment " + hex(blank),
              "paymentNo",
              o -> success(blank, 1_000, PaymentOutcome.SUCCEEDED)));
    }
    cases.add(
        result(
            "payment number of 33",
            "paymentNo",
            o -> success(LONG_ID, 1_000, PaymentOutcome.SUCCEEDED)));
    cases.add(result("null outcome", "outcome", o -> success(payment(o), 1_000, null)));
    cases.add(
        result("amount -2", "amount", o -> success(payment(o), -2, PaymentOutcome.SUCCEEDED)));
    // -- cancel
    cases.add(new Case("cancel null order", "orderNo", o -> flow().cancel(null, "r")));
    cases.add(new Case("cancel order of 33", "orderNo", o -> flow().cancel(LONG_ID, "r")));
    cases.add(new Case("cancel null reason", "reason", o -> flow().cancel(o.pending(), null)));
    cases.add(
        new Case(
            "cancel reason of 256", "reason", o -> flow().cancel(o.pending(), "r".repeat(256))));
    for (String blank : BLANKS) {
      cases.add(
          new Case("cancel blank order " + hex(blank), "orderNo", o -> flow().cancel(blank, "r")));
      cases.add(
          new Case(
              "cancel blank reason " + hex(blank),
              "reason",
              o -> flow().cancel(o.pending(), blank)));
    }
    // -- refund
    cases.add(new Case("refund null order", "orderNo", o -> flow().refund(null, 100, "r")));
    cases.add(new Case("refund order of 33", "orderNo", o -> flow().refund(LONG_ID, 100, "r")));
    for (long amount : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 3_501}) {
      cases.add(
          new Case("refund amount " + amount, "amount", o -> flow().refund(o.paid(), amount, "r")));
    }
    cases.add(new Case("refund null reason", "reason", o -> flow().refund(o.paid(), 100, null)));
    cases.add(
        new Case(
            "refund reason of 81", "reason", o -> flow().refund(o.paid(), 100, "r".repeat(81))));
    for (String blank : BLANKS) {
      cases.add(
          new Case(
              "refund blank order " + hex(blank), "orderNo", o -> flow().refund(blank, 100, "r")));
      cases.add(
          new Case(
              "refund blank reason " + hex(blank),
              "reason",
              o -> flow().refund(o.paid(), 100, blank)));
    }
    // -- queries and operations
    for (String blank : BLANKS) {
      cases.add(new Case("find blank " + hex(blank), "orderNo", o -> flow().find(blank)));
      cases.add(
          new Case("traceDiagram blank " + hex(blank), "orderNo", o -> flow().traceDiagram(blank)));
      cases.add(
          new Case("retryEffect blank " + hex(blank), "effectId", o -> flow().retryEffect(blank)));
    }
    cases.add(new Case("find null", "orderNo", o -> flow().find(null)));
    cases.add(new Case("find order of 33", "orderNo", o -> flow().find(LONG_ID)));
    cases.add(new Case("traceDiagram null", "orderNo", o -> flow().traceDiagram(null)));
    cases.add(new Case("traceDiagram order of 33", "orderNo", o -> flow().traceDiagram(LONG_ID)));
    cases.add(new Case("retryEffect null", "effectId", o -> flow().retryEffect(null)));
    cases.add(
        new Case("retryEffect id of 201", "effectId", o -> flow().retryEffect("e".repeat(201))));
    cases.add(new Case("addListener null", "listener", o -> flow().addListener(null)));
    cases.add(new Case("awaitEffects null", "timeout", o -> awaitEffects(null)));
    cases.add(
        new Case("awaitEffects negative", "timeout", o -> awaitEffects(Duration.ofSeconds(-1))));
    return cases;
  }

  // ------------------------------------------------------------------ running one case

  private static final ThreadLocal<FaultWorld> WORLD = new ThreadLocal<>();

  private static PayFlow flow() {
    return WORLD.get().node(0).flow();
  }

  private void run(Case c) {
    try (FaultWorld w = new InMemoryWorlds().world(1, b -> b)) {
      WORLD.set(w);
      Orders orders = orders(w);
      String before = w.fingerprint() + w.stock.entries() + w.deliveries.deliveries().size();

      Throwable thrown = catchThrowable(() -> c.setup().accept(orders));

      assertThat(thrown).isInstanceOf(InvalidRequestException.class);
      assertThat(((InvalidRequestException) thrown).field()).isEqualTo(c.field());
      w.awaitEffects();
      assertThat(w.fingerprint() + w.stock.entries() + w.deliveries.deliveries().size())
          .as("nothing reserved, persisted or sent")
          .isEqualTo(before);
      assertThat(w.orderNos()).as("no order number drawn").hasSize(2);
    } finally {
      WORLD.remove();
    }
  }

  /** One order prepaid and pending, one paid, each with its effects done. */
  private static Orders orders(FaultWorld w) {
    PayFlow f = w.node(0).flow();
    Order pending =
        f.createOrder(req("buyer", lines(1, FaultWorld.PRICE), null, Duration.ofMinutes(30)));
    f.startPayment(jsapi(pending.orderNo(), "openid"));
    Order paid =
        f.createOrder(
            req(
                "buyer",
                List.of(
                    new OrderLine(FaultWorld.SKU, 1, FaultWorld.PRICE),
                    new OrderLine(FaultWorld.SKU_2, 1, FaultWorld.PRICE_2)),
                null,
                Duration.ofMinutes(30)));
    f.startPayment(jsapi(paid.orderNo(), "openid"));
    w.channel.paymentsOf(paid.orderNo()).forEach(p -> w.channel.payerPays(p.paymentNo()));
    w.channel
        .outbox()
        .forEach(
            cb -> {
              if (w.deliver(0, cb)) {
                w.channel.remove(cb);
              }
            });
    w.awaitEffects();
    assertThat(w.store.load(paid.orderNo()).orElseThrow().order().status().name())
        .isIn(InvariantChecker.PAID);
    return new Orders(pending.orderNo(), paid.orderNo());
  }

  private static String payment(Orders o) {
    return WORLD.get().store.load(o.pending()).orElseThrow().payments().get(0).paymentNo();
  }

  private static Case create(String name, String field, CreateOrderRequest request) {
    return new Case("createOrder " + name, field, o -> flow().createOrder(request));
  }

  private static Case pay(
      String name, String field, java.util.function.Function<Orders, StartPaymentRequest> request) {
    return new Case("startPayment " + name, field, o -> flow().startPayment(request.apply(o)));
  }

  private static Case result(
      String name, String field, java.util.function.Function<Orders, PaymentResult> result) {
    return new Case(
        "handlePaymentResult " + name, field, o -> flow().handlePaymentResult(result.apply(o)));
  }

  private static void awaitEffects(Duration timeout) {
    try {
      flow().awaitEffects(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static CreateOrderRequest req(
      String user, List<OrderLine> lines, String description, Duration expireAfter) {
    return new CreateOrderRequest(user, lines, description, expireAfter);
  }

  static List<OrderLine> lines(int quantity, long price) {
    return List.of(new OrderLine(FaultWorld.SKU, quantity, price));
  }

  static StartPaymentRequest jsapi(String orderNo, String payerId) {
    return new StartPaymentRequest(orderNo, SimulatedChannel.ID, TradeType.JSAPI, payerId, null);
  }

  static PaymentResult success(String paymentNo, long amount, PaymentOutcome outcome) {
    return new PaymentResult(
        SimulatedChannel.ID,
        paymentNo,
        outcome,
        "SUCCESS",
        "4200",
        amount,
        Instant.parse("2026-01-01T00:01:00Z"),
        null,
        PaymentResult.Source.QUERY);
  }

  static String hex(String s) {
    return s.codePoints().mapToObj(cp -> String.format("U+%04X", cp)).toList().toString();
  }

  /** The in-memory parts, as the in-memory tests use them. */
  static final class InMemoryWorlds extends FaultHarness {
    @Override
    protected io.payflow.core.spi.OrderStore createStore() {
      return new io.payflow.core.memory.InMemoryOrderStore();
    }

    @Override
    protected io.payflow.core.spi.InventoryService createInventory(
        java.util.Map<String, Long> stock) {
      return InMemoryStock.stocked(stock);
    }

    @Override
    public FaultWorld world(
        int nodes, java.util.function.UnaryOperator<io.payflow.core.PayFlowConfig.Builder> config) {
      return super.world(nodes, config);
    }
  }
}
