package io.payflow.jdbc.internal;

import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.model.OrderLine;
import io.payflow.jdbc.CorruptDataException;
import io.payflow.jdbc.JdbcConfig;
import io.payflow.jdbc.JdbcInventoryService;
import io.payflow.jdbc.ReservationState;
import io.payflow.jdbc.StockLevel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link JdbcInventoryService} on the tables {@code stock}, {@code reservations} and {@code
 * reservation_lines}.
 *
 * <p>A reservation first inserts the order's reservation row (its key is the order number: a second
 * reserve of the same order, even a concurrent one, finds it taken and does nothing), then takes
 * each sku's units with a conditional update, skus in sorted order so that two orders never wait
 * for each other in a cycle. The first sku short of units rolls the whole transaction back. Confirm
 * and release move the reservation from {@code RESERVED} with a conditional update of its row, so
 * that only one of any number of racing calls moves the units.
 *
 * <p>This class is threadsafe.
 */
public final class JdbcInventoryServiceImpl implements JdbcInventoryService {

  private final Database db;
  private final Tables t;

  public JdbcInventoryServiceImpl(JdbcConfig config) {
    this.db = new Database(Objects.requireNonNull(config, "config"));
    this.t = db.tables();
  }

  @Override
  public void reserve(String orderNo, List<OrderLine> lines) {
    Objects.requireNonNull(orderNo, "orderNo");
    Map<String, Long> wanted = new TreeMap<>();
    for (OrderLine line : lines) {
      wanted.merge(line.sku(), (long) line.quantity(), Long::sum);
    }
    db.tx()
        .write(
            "reserving stock for order " + orderNo,
            (c, joined) -> {
              if (!insertReservation(c, orderNo)) {
                return null;
              }
              for (Map.Entry<String, Long> e : wanted.entrySet()) {
                take(c, e.getKey(), e.getValue());
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      Dialect.insert(
                          t.reservationLines(), List.of("order_no", "sku", "quantity")))) {
                for (Map.Entry<String, Long> e : wanted.entrySet()) {
                  ps.setString(1, orderNo);
                  ps.setString(2, e.getKey());
                  ps.setLong(3, e.getValue());
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              return null;
            });
  }

  /** Inserts the reservation row; false if the order already has one. */
  private boolean insertReservation(Connection c, String orderNo) throws SQLException {
    Dialect dialect = db.dialect(c);
    Instant now = db.clock().instant();
    try (PreparedStatement ps =
        c.prepareStatement(
            dialect.insertUnlessTaken(
                t.reservations(),
                List.of("order_no", "status", "created_at", "updated_at"),
                "order_no"))) {
      ps.setString(1, orderNo);
      ps.setString(2, ReservationState.RESERVED.name());
      Codec.setInstant(ps, 3, now);
      Codec.setInstant(ps, 4, now);
      return dialect.insertedUnlessTaken(ps);
    }
  }

  private void take(Connection c, String sku, long quantity) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + t.stock()
                + " SET available = available - ?, reserved = reserved + ?, updated_at = ?"
                + " WHERE sku = ? AND available >= ?")) {
      ps.setLong(1, quantity);
      ps.setLong(2, quantity);
      Codec.setInstant(ps, 3, db.clock().instant());
      ps.setString(4, sku);
      ps.setLong(5, quantity);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    throw new InsufficientStockException(sku, quantity, availableOn(c, sku));
  }

  private long availableOn(Connection c, String sku) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT available FROM " + t.stock() + " WHERE sku = ?")) {
      ps.setString(1, sku);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  @Override
  public void confirm(String orderNo) {
    settle(orderNo, ReservationState.CONFIRMED, "confirming", "sold = sold + ?");
  }

  @Override
  public void release(String orderNo) {
    settle(orderNo, ReservationState.RELEASED, "releasing", "available = available + ?");
  }

  private void settle(String orderNo, ReservationState to, String verb, String move) {
    Objects.requireNonNull(orderNo, "orderNo");
    db.tx()
        .write(
            verb + " the stock of order " + orderNo,
            (c, joined) -> {
              Instant now = db.clock().instant();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE "
                          + t.reservations()
                          + " SET status = ?, updated_at = ? WHERE order_no = ? AND status = ?")) {
                ps.setString(1, to.name());
                Codec.setInstant(ps, 2, now);
                ps.setString(3, orderNo);
                ps.setString(4, ReservationState.RESERVED.name());
                if (ps.executeUpdate() == 0) {
                  return null; // never reserved, or already settled: nothing more to do
                }
              }
              Map<String, Long> held = new TreeMap<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT sku, quantity FROM "
                          + t.reservationLines()
                          + " WHERE order_no = ? ORDER BY sku")) {
                ps.setString(1, orderNo);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    held.put(rs.getString(1), rs.getLong(2));
                  }
                }
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE "
                          + t.stock()
                          + " SET "
                          + move
                          + ", reserved = reserved - ?, updated_at = ? WHERE sku = ?")) {
                for (Map.Entry<String, Long> e : held.entrySet()) {
                  ps.setLong(1, e.getValue());
                  ps.setLong(2, e.getValue());
                  Codec.setInstant(ps, 3, now);
                  ps.setString(4, e.getKey());
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              return null;
            });
  }

  @Override
  public void setStock(String sku, long available) {
    if (sku == null || sku.isBlank()) {
      throw new InvalidRequestException("sku", "must not be blank");
    }
    if (available < 0) {
      throw new InvalidRequestException("available", "stock of " + sku + " cannot be negative");
    }
    db.tx()
        .write(
            "setting the stock of " + sku,
            (c, joined) -> {
              Instant now = db.clock().instant();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE " + t.stock() + " SET available = ?, updated_at = ? WHERE sku = ?")) {
                ps.setLong(1, available);
                Codec.setInstant(ps, 2, now);
                ps.setString(3, sku);
                if (ps.executeUpdate() == 1) {
                  return null;
                }
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      Dialect.insert(
                          t.stock(),
                          List.of("sku", "available", "reserved", "sold", "updated_at")))) {
                ps.setString(1, sku);
                ps.setLong(2, available);
                ps.setLong(3, 0);
                ps.setLong(4, 0);
                Codec.setInstant(ps, 5, now);
                ps.executeUpdate();
              }
              return null;
            });
  }

  @Override
  public boolean initStock(String sku, long available) {
    if (sku == null || sku.isBlank()) {
      throw new InvalidRequestException("sku", "must not be blank");
    }
    if (available < 0) {
      throw new InvalidRequestException("available", "stock of " + sku + " cannot be negative");
    }
    return db.tx()
        .write(
            "stocking " + sku,
            (c, joined) -> {
              Dialect dialect = db.dialect(c);
              try (PreparedStatement ps =
                  c.prepareStatement(
                      dialect.insertUnlessTaken(
                          t.stock(),
                          List.of("sku", "available", "reserved", "sold", "updated_at"),
                          "sku"))) {
                ps.setString(1, sku);
                ps.setLong(2, available);
                ps.setLong(3, 0);
                ps.setLong(4, 0);
                Codec.setInstant(ps, 5, db.clock().instant());
                return dialect.insertedUnlessTaken(ps);
              }
            });
  }

  @Override
  public StockLevel stock(String sku) {
    Objects.requireNonNull(sku, "sku");
    return db.tx()
        .read(
            "reading the stock of " + sku,
            (c, joined) -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT available, reserved, sold FROM " + t.stock() + " WHERE sku = ?")) {
                ps.setString(1, sku);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next()
                      ? new StockLevel(sku, rs.getLong(1), rs.getLong(2), rs.getLong(3))
                      : new StockLevel(sku, 0, 0, 0);
                }
              }
            });
  }

  @Override
  public Optional<ReservationState> reservation(String orderNo) {
    Objects.requireNonNull(orderNo, "orderNo");
    return db.tx()
        .read(
            "reading the reservation of order " + orderNo,
            (c, joined) -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT status FROM " + t.reservations() + " WHERE order_no = ?")) {
                ps.setString(1, orderNo);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return Optional.empty();
                  }
                  String status = rs.getString(1);
                  try {
                    return Optional.of(ReservationState.valueOf(status));
                  } catch (IllegalArgumentException e) {
                    throw new CorruptDataException(
                        orderNo,
                        "reservation status '"
                            + status
                            + "' in "
                            + t.reservations()
                            + " is unknown");
                  }
                }
              }
            });
  }
}
