package io.payflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.model.Order;
import io.payflow.core.model.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one happy-path order costs the database on PostgreSQL: create, pay, success callback, and
 * every effect done. The figures are printed for the README; the bounds catch a regression.
 */
class StatementCountTest {

  @RegisterExtension
  static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.POSTGRESQL);

  @Test
  void aHappyPathOrderCostsABoundedNumberOfStatementsAndTransactions() {
    // given a shop on a counting data source, warmed up
    db.clear();
    CountingDataSource counting = new CountingDataSource(db.dataSource());
    int orders = 20;
    try (JdbcShop shop = new JdbcShop(db.config(counting), JdbcShop.clock())) {
      shop.inventory.setStock(JdbcShop.SKU, 1_000);
      for (int i = 0; i < 3; i++) {
        happyPath(shop);
      }
      counting.reset();

      // when
      for (int i = 0; i < orders; i++) {
        happyPath(shop);
      }

      // then
      double statements = counting.statements.get() / (double) orders;
      double reads = counting.reads.get() / (double) orders;
      double rows = counting.batchedRows.get() / (double) orders;
      double commits = counting.commits.get() / (double) orders;
      double autoCommitWrites = counting.autoCommitWrites.get() / (double) orders;
      double connections = counting.connections.get() / (double) orders;
      System.out.printf(
          "happy-path order on PostgreSQL: %.1f statements (%.1f reads, %.1f rows in batches),"
              + " %.1f transactions (%.1f commits + %.1f single-statement writes), %.1f"
              + " connections taken%n",
          statements,
          reads,
          rows,
          commits + autoCommitWrites,
          commits,
          autoCommitWrites,
          connections);
      assertThat(counting.rollbacks.get()).isZero();
      assertThat(statements).isLessThan(60);
      assertThat(commits + autoCommitWrites).isLessThan(20);
    }
  }

  private static void happyPath(JdbcShop shop) {
    Order order = shop.order(1);
    shop.succeed(shop.pay(order).payment());
    shop.settle();
    assertThat(shop.store.load(order.orderNo()).orElseThrow().order().status())
        .isEqualTo(OrderStatus.FULFILLING);
  }
}
