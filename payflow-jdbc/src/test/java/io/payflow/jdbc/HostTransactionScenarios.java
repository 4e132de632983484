package io.payflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.PaymentStart;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.StoreUpdate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * payflow inside the host's own transaction: its writes join it, so the host's commit or rollback
 * decides for the order, its reservation, its effects and the host's own rows together.
 */
abstract class HostTransactionScenarios {

  abstract JdbcTestDatabase db();

  private HostTransactions host;
  private JdbcShop shop;

  @BeforeEach
  void openShop() {
    db().clear();
    db().execute("CREATE TABLE IF NOT EXISTS host_audit (order_no VARCHAR(64) NOT NULL)");
    db().execute("DELETE FROM host_audit");
    host = new HostTransactions(db().dataSource());
    shop = new JdbcShop(db().config().withConnections(host), JdbcShop.clock());
    shop.inventory.setStock(JdbcShop.SKU, 10);
  }

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void aRolledBackHostTransactionLeavesNeitherTheOrderNorItsReservation() throws Exception {
    // given
    host.begin();
    Order order = shop.order(3);
    host.execute("INSERT INTO host_audit (order_no) VALUES (?)", order.orderNo());

    // when
    host.rollback();

    // then
    assertThat(shop.store.load(order.orderNo())).isEmpty();
    assertThat(shop.inventory.reservation(order.orderNo())).isEmpty();
    assertThat(shop.inventory.stock(JdbcShop.SKU).available()).isEqualTo(10);
    assertThat(db().queryLong("SELECT COUNT(*) FROM host_audit")).isZero();
  }

  @Test
  void aCommittedHostTransactionHoldsTheOrderItsReservationAndTheHostsRows() throws Exception {
    // given
    host.begin();
    Order order = shop.order(3);
    host.execute("INSERT INTO host_audit (order_no) VALUES (?)", order.orderNo());

    // when
    host.commit();

    // then
    assertThat(shop.store.load(order.orderNo())).isPresent();
    assertThat(shop.inventory.reservation(order.orderNo())).contains(ReservationState.RESERVED);
    assertThat(shop.inventory.stock(JdbcShop.SKU).available()).isEqualTo(7);
    assertThat(db().queryLong("SELECT COUNT(*) FROM host_audit")).isEqualTo(1);
  }

  @Test
  void aRefusedWriteInsideTheHostTransactionLeavesItUsable() throws Exception {
    // given an order committed earlier
    Order order = shop.order(1);
    OrderRecord stored = shop.store.load(order.orderNo()).orElseThrow();

    // when, inside the host's transaction, payflow refuses a duplicate and a stale write
    host.begin();
    assertThatThrownBy(() -> shop.store.insert(stored, List.of(), List.of()))
        .isInstanceOf(DuplicateNumberException.class);
    Order twoAhead = stored.order().withStatus(order.status()).withStatus(order.status());
    assertThatThrownBy(
            () ->
                shop.store.update(
                    new StoreUpdate(
                        stored.version() + 1,
                        new OrderRecord(twoAhead, stored.payments(), stored.refunds()),
                        List.of(),
                        List.of())))
        .isInstanceOf(ConcurrentUpdateException.class);
    host.execute("INSERT INTO host_audit (order_no) VALUES (?)", order.orderNo());
    host.commit();

    // then the host's own write committed (a failed statement would have aborted it on PostgreSQL)
    assertThat(db().queryLong("SELECT COUNT(*) FROM host_audit")).isEqualTo(1);
    assertThat(shop.store.load(order.orderNo())).contains(stored);
  }

  @Test
  void effectsOfAPaymentInsideTheHostTransactionRunOnlyOnceItCommitted() throws Exception {
    // given an order paid inside the host's transaction
    host.begin();
    Order order = shop.order(1);
    PaymentStart start = shop.pay(order);
    shop.succeed(start.payment());
    shop.settle();
    assertThat(shop.sms.delivered).as("nothing sent before the commit").isEmpty();

    // when the host commits and the sweep runs
    host.commit();
    for (int round = 0; round < 5 && shop.flow.runDueEffects() > 0; round++) {
      shop.settle();
    }
    shop.settle();

    // then
    assertThat(shop.sms.deliveredTypes()).containsExactly(NotificationType.PAYMENT_SUCCEEDED);
    assertThat(shop.inventory.reservation(order.orderNo())).contains(ReservationState.CONFIRMED);
  }
}
