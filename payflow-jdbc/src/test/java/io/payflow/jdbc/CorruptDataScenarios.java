package io.payflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.payflow.core.PaymentStart;
import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.model.Order;
import io.payflow.core.spi.DueWorkKind;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows edited by hand into states payflow never writes: each is reported with the order's number in
 * a {@link CorruptDataException}, never skipped.
 */
abstract class CorruptDataScenarios {

  private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

  abstract JdbcTestDatabase db();

  private JdbcShop shop;
  private String p;

  @BeforeEach
  void openShop() {
    db().clear();
    p = db().tablePrefix();
    shop = new JdbcShop(db().config(), JdbcShop.clock());
    shop.inventory.setStock(JdbcShop.SKU, 10);
  }

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void anOrderWithAnUnknownStatusIsReportedWithItsNumber() {
    // given
    Order order = shop.order(1);
    db().execute(
            "UPDATE " + p + "orders SET status = 'SHIPPED_BY_HAND' WHERE order_no = ?",
            order.orderNo());

    // when
    Throwable loaded = catchThrowable(() -> shop.store.load(order.orderNo()));
    Throwable counted = catchThrowable(() -> shop.store.statistics());

    // then
    assertCorrupt(loaded, order.orderNo(), "SHIPPED_BY_HAND");
    assertCorrupt(counted, order.orderNo(), "SHIPPED_BY_HAND");
  }

  @Test
  void aPaymentWithAnUnknownStatusIsReportedWithItsOrdersNumber() {
    // given
    Order order = shop.order(1);
    PaymentStart start = shop.pay(order);
    db().execute(
            "UPDATE " + p + "payments SET status = 'MAYBE' WHERE payment_no = ?",
            start.payment().paymentNo());

    // then
    assertCorrupt(catchThrowable(() -> shop.store.load(order.orderNo())), order.orderNo(), "MAYBE");
  }

  @Test
  void aPaymentWhoseOrderIsGoneIsReportedWithTheOrderNumber() {
    // given a payment whose order was deleted by a script that switched the foreign keys off
    Order order = shop.order(1);
    PaymentStart start = shop.pay(order);
    String paymentNo = start.payment().paymentNo();
    assertThatThrownBy(
            () -> db().execute("DELETE FROM " + p + "orders WHERE order_no = ?", order.orderNo()))
        .as("the schema's foreign keys refuse it")
        .isInstanceOf(IllegalStateException.class);
    db().executeWithoutForeignKeys(
            "DELETE FROM " + p + "order_lines WHERE order_no = '" + order.orderNo() + "'",
            "DELETE FROM " + p + "orders WHERE order_no = '" + order.orderNo() + "'");

    // when / then every way to reach the payment says which order is missing
    assertCorrupt(
        catchThrowable(() -> shop.store.findOrderNoByPaymentNo(paymentNo)), order.orderNo(), "");
    assertCorrupt(
        catchThrowable(
            () ->
                shop.store.claimDueWork(
                    DueWorkKind.PAYMENT_CHECK, FAR, FAR, FAR.plusSeconds(60), 10)),
        order.orderNo(),
        "");
    assertCorrupt(
        catchThrowable(() -> shop.store.findPaymentsAwaitingResult(FAR, 10)), order.orderNo(), "");
  }

  @Test
  void aDanglingEffectIsReportedWithItsOrderNumberAndNothingIsClaimed() {
    // given a due effect of an order that does not exist, beside a sound one
    Order order = shop.order(1);
    shop.settle();
    db().executeWithoutForeignKeys(
            "INSERT INTO "
                + p
                + "effects (effect_id, order_no, type, target, data, status, attempts,"
                + " next_attempt_at, created_at, updated_at) VALUES ('ORD-GHOST/NOTIFY', 'ORD-GHOST',"
                + " 'NOTIFY', 'sms', '{}', 'PENDING', 0, TIMESTAMP '2026-01-01 00:00:00',"
                + " TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:00')");

    // when
    Throwable claim =
        catchThrowable(() -> shop.store.claimDueEffects(FAR, FAR.plusSeconds(60), 10));

    // then the sweep stops loudly, and leases nothing
    assertCorrupt(claim, "ORD-GHOST", "");
    db().execute("DELETE FROM " + p + "effects WHERE order_no = 'ORD-GHOST'");
    assertThat(shop.store.claimDueEffects(FAR, FAR.plusSeconds(60), 10))
        .extracting(ClaimedEffect::token)
        .allSatisfy(token -> assertThat(token).isEqualTo(1L));
    assertThat(shop.store.findEffects(order.orderNo())).isNotNull();
  }

  @Test
  void aVersionThatWentBackwardsIsReportedWithTheOrderNumber() {
    // given an order whose payment was written at its current version, then the version set back
    Order order = shop.order(1);
    shop.pay(order);
    long version = shop.store.load(order.orderNo()).orElseThrow().version();
    db().execute(
            "UPDATE " + p + "orders SET version = ? WHERE order_no = ?",
            version - 1,
            order.orderNo());

    // when
    Throwable loaded = catchThrowable(() -> shop.store.load(order.orderNo()));

    // then
    assertCorrupt(loaded, order.orderNo(), "version went backwards");
  }

  @Test
  void anEffectOfAnUnknownTypeIsReportedWithItsOrderNumber() {
    // given
    Order order = shop.order(1);
    shop.succeed(shop.pay(order).payment());
    shop.settle();
    int changed =
        db().execute(
                "UPDATE " + p + "effects SET type = 'TELEPATHY' WHERE order_no = ?",
                order.orderNo());
    assertThat(changed).isPositive();

    // then
    assertCorrupt(
        catchThrowable(() -> shop.store.findEffects(order.orderNo())),
        order.orderNo(),
        "TELEPATHY");
  }

  @Test
  void aMissingPaymentRowIsReportedWithTheOrderNumber() {
    // given an order whose only payment row was deleted (foreign keys off)
    Order order = shop.order(1);
    PaymentStart start = shop.pay(order);
    db().executeWithoutForeignKeys(
            "DELETE FROM "
                + p
                + "payments WHERE payment_no = '"
                + start.payment().paymentNo()
                + "'");

    // then
    assertCorrupt(
        catchThrowable(() -> shop.store.load(order.orderNo())), order.orderNo(), "payment_count");
  }

  private static void assertCorrupt(Throwable thrown, String orderNo, String detail) {
    assertThat(thrown)
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining(orderNo)
        .hasMessageContaining(detail);
    assertThat(((CorruptDataException) thrown).orderNo()).isEqualTo(orderNo);
    assertThat(((CorruptDataException) thrown).code()).isEqualTo("CORRUPT_DATA");
  }
}
