package io.payflow.benchmarks;

import io.payflow.core.StalePriceException;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The lifecycle of the JDBC benchmark written by hand with the fewest statements that persist the
 * same order and payment states: the order with its line, the payment before the channel is called,
 * the prepay, the success (payment and order in one transaction, each a compare-and-set),
 * fulfilment. No outbox, no trace, no claims: what a shop that owes nothing after a crash writes.
 * Same price check, stock, fake channel, notification and fulfilment as payflow. Threadsafe.
 */
final class PlainJdbcShop {

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS plain_orders (
        order_no VARCHAR(64) PRIMARY KEY, user_id VARCHAR(128) NOT NULL,
        total_amount BIGINT NOT NULL, status VARCHAR(32) NOT NULL, version BIGINT NOT NULL,
        created_at TIMESTAMP(6) NOT NULL, expires_at TIMESTAMP(6) NOT NULL, paid_at TIMESTAMP(6));
      CREATE TABLE IF NOT EXISTS plain_order_lines (
        order_no VARCHAR(64) NOT NULL REFERENCES plain_orders (order_no), line_no INT NOT NULL,
        sku VARCHAR(128) NOT NULL, quantity INT NOT NULL, unit_price BIGINT NOT NULL,
        PRIMARY KEY (order_no, line_no));
      CREATE TABLE IF NOT EXISTS plain_payments (
        payment_no VARCHAR(64) PRIMARY KEY,
        order_no VARCHAR(64) NOT NULL REFERENCES plain_orders (order_no),
        amount BIGINT NOT NULL, status VARCHAR(32) NOT NULL, prepay_id VARCHAR(128),
        transaction_id VARCHAR(128), created_at TIMESTAMP(6) NOT NULL,
        updated_at TIMESTAMP(6) NOT NULL);
      CREATE INDEX IF NOT EXISTS plain_payments_order_idx ON plain_payments (order_no);
      """;

  private final DataSource dataSource;
  final MutableClock clock = MutableClock.ticking(Fixtures.START);
  final InMemoryInventoryService inventory = Fixtures.inventory();
  final InMemoryPriceCatalog catalog = Fixtures.catalog();
  final FakeChannel channel = new FakeChannel("fake", clock, null);
  final SequenceNumbers numbers;
  final LongAdder notifications = new LongAdder();
  final LongAdder fulfilments = new LongAdder();

  PlainJdbcShop(DataSource dataSource, String prefix) {
    this.dataSource = dataSource;
    this.numbers = new SequenceNumbers(prefix);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
    } catch (SQLException e) {
      throw new IllegalStateException("plain schema", e);
    }
  }

  /** One order: create → prepay → success → stock confirmed, notified, fulfilment started. */
  String lifecycle() throws SQLException {
    for (OrderLine line : Fixtures.LINES) {
      long current = catalog.priceOf(line.sku()).orElseThrow();
      if (current != line.unitPrice()) {
        throw new StalePriceException(line.sku(), line.unitPrice(), current);
      }
    }
    String orderNo = numbers.newOrderNo();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(Duration.ofMinutes(30));
    inventory.reserve(orderNo, Fixtures.LINES);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement order =
              c.prepareStatement(
                  "INSERT INTO plain_orders (order_no, user_id, total_amount, status, version,"
                      + " created_at, expires_at) VALUES (?, ?, ?, 'PENDING_PAYMENT', 1, ?, ?)");
          PreparedStatement line =
              c.prepareStatement(
                  "INSERT INTO plain_order_lines (order_no, line_no, sku, quantity, unit_price)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
        order.setString(1, orderNo);
        order.setString(2, Fixtures.ORDER.userId());
        order.setLong(3, Fixtures.PRICE);
        order.setTimestamp(4, Timestamp.from(now));
        order.setTimestamp(5, Timestamp.from(expiresAt));
        order.executeUpdate();
        int lineNo = 0;
        for (OrderLine l : Fixtures.LINES) {
          line.setString(1, orderNo);
          line.setInt(2, lineNo++);
          line.setString(3, l.sku());
          line.setInt(4, l.quantity());
          line.setLong(5, l.unitPrice());
          line.executeUpdate();
        }
        c.commit();
      }
    }
    String paymentNo = numbers.newPaymentNo(orderNo, 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement payment =
            c.prepareStatement(
                "INSERT INTO plain_payments (payment_no, order_no, amount, status, created_at,"
                    + " updated_at) VALUES (?, ?, ?, 'CREATED', ?, ?)")) {
      payment.setString(1, paymentNo);
      payment.setString(2, orderNo);
      payment.setLong(3, Fixtures.PRICE);
      payment.setTimestamp(4, Timestamp.from(now));
      payment.setTimestamp(5, Timestamp.from(now));
      payment.executeUpdate();
    }
    var prepaid =
        channel.prepay(
            new PrepayRequest(
                paymentNo,
                orderNo,
                TradeType.NATIVE,
                Fixtures.PRICE,
                Fixtures.DESCRIPTION,
                expiresAt,
                null,
                null));
    try (Connection c = dataSource.getConnection();
        PreparedStatement payment =
            c.prepareStatement(
                "UPDATE plain_payments SET status = 'PREPAID', prepay_id = ?, updated_at = ?"
                    + " WHERE payment_no = ? AND status = 'CREATED'")) {
      payment.setString(1, prepaid.prepayData().get("prepay_id"));
      payment.setTimestamp(2, Timestamp.from(clock.instant()));
      payment.setString(3, paymentNo);
      expectOne(payment.executeUpdate(), paymentNo);
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement payment =
              c.prepareStatement(
                  "UPDATE plain_payments SET status = 'SUCCEEDED', transaction_id = ?,"
                      + " updated_at = ? WHERE payment_no = ? AND status = 'PREPAID'");
          PreparedStatement order =
              c.prepareStatement(
                  "UPDATE plain_orders SET status = 'PAID', version = version + 1, paid_at = ?"
                      + " WHERE order_no = ? AND status = 'PENDING_PAYMENT'")) {
        Instant paidAt = clock.instant();
        payment.setString(1, "TX-" + paymentNo);
        payment.setTimestamp(2, Timestamp.from(paidAt));
        payment.setString(3, paymentNo);
        expectOne(payment.executeUpdate(), paymentNo);
        order.setTimestamp(1, Timestamp.from(paidAt));
        order.setString(2, orderNo);
        expectOne(order.executeUpdate(), orderNo);
        c.commit();
      }
    }
    inventory.confirm(orderNo);
    notifications.increment();
    fulfilments.increment();
    try (Connection c = dataSource.getConnection();
        PreparedStatement order =
            c.prepareStatement(
                "UPDATE plain_orders SET status = 'FULFILLING', version = version + 1"
                    + " WHERE order_no = ? AND status = 'PAID'")) {
      order.setString(1, orderNo);
      expectOne(order.executeUpdate(), orderNo);
    }
    return orderNo;
  }

  private static void expectOne(int rows, String key) {
    if (rows != 1) {
      throw new IllegalStateException(key + ": " + rows + " rows changed");
    }
  }
}
