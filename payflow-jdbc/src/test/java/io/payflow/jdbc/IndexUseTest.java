package io.payflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.effect.EffectStatus;
import io.payflow.core.model.Order;
import io.payflow.core.spi.DueWorkKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every claim and due-work view reads through an index on PostgreSQL: with thousands of settled
 * rows and a few due ones, the plan of each query the store sends has no sequential scan of a
 * payflow table. A sweep costs its batch, not the table.
 */
class IndexUseTest {

  @RegisterExtension
  static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.POSTGRESQL);

  @Test
  void claimsAndDueWorkViewsAreIndexBacked() throws Exception {
    // given 2,000 settled orders (paid, effects done) beside 5 due ones
    db.clear();
    db.execute(
        "INSERT INTO payflow_stock (sku, available, reserved, sold, updated_at)"
            + " VALUES ('SKU-HOT', 100000, 0, 0, TIMESTAMP '2026-01-01 00:00:00')");
    String p = db.tablePrefix();
    db.execute(
        "INSERT INTO "
            + p
            + "orders (order_no, user_id, total_amount, description, status, version, created_at,"
            + " expires_at, refunded_amount, line_count, payment_count, refund_count)"
            + " SELECT 'OLD-' || g, 'u', 100, 'd', 'FULFILLING', 3, TIMESTAMP '2026-01-01 00:00:00',"
            + " TIMESTAMP '2026-01-01 00:30:00', 0, 1, 1, 0 FROM generate_series(1, 2000) g");
    db.execute(
        "INSERT INTO "
            + p
            + "order_lines (order_no, line_no, sku, quantity, unit_price)"
            + " SELECT 'OLD-' || g, 1, 'SKU-HOT', 1, 100 FROM generate_series(1, 2000) g");
    db.execute(
        "INSERT INTO "
            + p
            + "payments (payment_no, order_no, list_index, channel, trade_type, amount, status,"
            + " prepay_data, created_at, updated_at, order_version)"
            + " SELECT 'OLDPAY-' || g, 'OLD-' || g, 0, 'wechat', 'JSAPI', 100, 'SUCCEEDED', '{}',"
            + " TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:00', 3"
            + " FROM generate_series(1, 2000) g");
    db.execute(
        "INSERT INTO "
            + p
            + "refunds (refund_no, order_no, payment_no, list_index, amount, reason, status, kind,"
            + " created_at, updated_at, order_version)"
            + " SELECT 'OLDREF-' || g, 'OLD-' || g, 'OLDPAY-' || g, 0, 1, 'r', 'SUCCEEDED',"
            + " 'REQUESTED', TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:00', 3"
            + " FROM generate_series(1, 2000) g");
    db.execute(
        "INSERT INTO "
            + p
            + "effects (effect_id, order_no, type, target, data, status, attempts,"
            + " next_attempt_at, created_at, updated_at)"
            + " SELECT 'OLD-' || g || '/NOTIFY', 'OLD-' || g, 'NOTIFY', 'sms', '{}', 'DONE', 1,"
            + " TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:00',"
            + " TIMESTAMP '2026-01-01 00:00:00' FROM generate_series(1, 2000) g");
    CountingDataSource counting = new CountingDataSource(db.dataSource());
    try (JdbcShop shop = new JdbcShop(db.config(counting), JdbcShop.clock())) {
      for (int i = 0; i < 5; i++) {
        Order order = shop.order(1);
        shop.pay(order);
      }
      shop.settle();
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }

      // when the sweeps and views run
      counting.selects = new CopyOnWriteArrayList<>();
      Instant later = shop.clock.instant().plus(Duration.ofHours(1));
      for (DueWorkKind kind : DueWorkKind.values()) {
        shop.store.claimDueWork(kind, later, later, later.plusSeconds(60), 10);
        shop.store.claimDueWork(kind, later, later.plusSeconds(120), later.plusSeconds(180), 10);
      }
      shop.store.claimDueEffects(later, later.plusSeconds(60), 10);
      shop.store.findPaymentsAwaitingResult(later, 10);
      shop.store.findRefundsAwaitingResult(later, 10);
      shop.store.findEffectsByStatus(EffectStatus.DEAD, 10);
      shop.store.findOrders(0, 10);
      List<CountingDataSource.Captured> selects = new ArrayList<>(counting.selects);
      counting.selects = null;

      // then the planner reads every claim through an index, and an index can serve every query
      // (for a small view PostgreSQL may still prefer a scan: with scans off it must find one)
      assertThat(selects).hasSizeGreaterThan(10);
      List<String> problems = new ArrayList<>();
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        for (CountingDataSource.Captured q : selects) {
          String chosen = explain(c, q);
          if (q.sql().contains("FOR UPDATE") && chosen.contains("Seq Scan on " + p)) {
            problems.add(q.sql() + "\n" + chosen);
          }
        }
        s.execute("SET enable_seqscan = off");
        for (CountingDataSource.Captured q : selects) {
          String possible = explain(c, q);
          if (possible.contains("Seq Scan on " + p)) {
            problems.add(q.sql() + "\n" + possible);
          }
        }
        s.execute("RESET enable_seqscan");
      }
      assertThat(problems).as("queries reading a whole table").isEmpty();
    }
  }

  private static String explain(Connection c, CountingDataSource.Captured q) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + q.sql())) {
      for (Map.Entry<Integer, Object> e : q.parameters().entrySet()) {
        ps.setObject(e.getKey(), e.getValue());
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }
}
