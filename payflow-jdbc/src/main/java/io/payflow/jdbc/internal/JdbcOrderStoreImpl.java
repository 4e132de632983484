package io.payflow.jdbc.internal;

import io.payflow.core.effect.ClaimedEffect;
import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.DuplicateNumberException;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.DueWork;
import io.payflow.core.spi.DueWorkKind;
import io.payflow.core.spi.StoreStatistics;
import io.payflow.core.spi.StoreUpdate;
import io.payflow.core.trace.TraceEntry;
import io.payflow.jdbc.CorruptDataException;
import io.payflow.jdbc.JdbcConfig;
import io.payflow.jdbc.JdbcOrderStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link JdbcOrderStore} on payflow's tables. How each SPI method maps onto SQL:
 *
 * <ul>
 *   <li>{@code insert}: the order row (a taken number is a {@code DuplicateNumberException}), its
 *       lines, payments, refunds, effects (an effect id already held is left as it is) and trace
 *       rows, in one transaction.
 *   <li>{@code update}: {@code UPDATE orders ... WHERE order_no = ? AND version = ?} first (it
 *       locks the row; no row matched is a {@code ConcurrentUpdateException} and nothing is
 *       written), then every payment and refund of the record (upserted, each stamped with the new
 *       order version), the new effects and the trace, in the same transaction.
 *   <li>{@code load}: the order with its lines, then its payments and refunds; every payment and
 *       refund row carries the order version it was written at, so a load that overlapped an update
 *       is noticed and read again, and a version that went backwards is reported.
 *   <li>Claims: {@code SELECT ... FOR UPDATE SKIP LOCKED} of the due rows through their index, then
 *       an update of the claim columns, in one transaction; without SKIP LOCKED (H2, old MySQL) a
 *       conditional update per candidate that re-checks it is still free.
 * </ul>
 *
 * <p>Columns a claim needs are kept on the rows: {@code due_at} (the due field while the item is in
 * its due status, else null), {@code claim_until}, {@code claim_attempts}, and two generated
 * columns that index the never-claimed items by due time and the claimed ones by when they are free
 * again.
 *
 * <p>This class is threadsafe.
 */
public final class JdbcOrderStoreImpl implements JdbcOrderStore {

  private static final Set<OrderStatus> EXPIRABLE =
      EnumSet.of(OrderStatus.RESERVING, OrderStatus.PENDING_PAYMENT);
  private static final Set<PaymentStatus> AWAITING =
      EnumSet.of(PaymentStatus.CREATED, PaymentStatus.PREPAID, PaymentStatus.UNKNOWN);
  private static final Set<RefundStatus> REFUND_AWAITING =
      EnumSet.of(RefundStatus.CREATED, RefundStatus.PROCESSING);

  /** How often a load that overlapped concurrent updates is read again before giving up. */
  private static final int LOAD_ATTEMPTS = 50;

  private static final List<String> ORDER_INSERT =
      List.of(
          "order_no",
          "user_id",
          "total_amount",
          "description",
          "status",
          "version",
          "created_at",
          "expires_at",
          "paid_at",
          "closed_at",
          "fulfillment_started_at",
          "refunded_amount",
          "failure_reason",
          "line_count",
          "payment_count",
          "refund_count",
          "due_at");

  private static final List<String> PAYMENT_INSERT =
      List.of(
          "payment_no",
          "order_no",
          "list_index",
          "channel",
          "trade_type",
          "amount",
          "status",
          "payer_id",
          "client_ip",
          "prepay_data",
          "transaction_id",
          "failure_code",
          "failure_reason",
          "created_at",
          "updated_at",
          "paid_at",
          "order_version",
          "due_at");

  private static final List<String> REFUND_INSERT =
      List.of(
          "refund_no",
          "order_no",
          "payment_no",
          "list_index",
          "amount",
          "reason",
          "status",
          "kind",
          "channel_refund_id",
          "failure_reason",
          "created_at",
          "updated_at",
          "completed_at",
          "order_version",
          "due_at");

  private static final List<String> EFFECT_INSERT =
      List.of(
          "effect_id",
          "order_no",
          "type",
          "target",
          "data",
          "status",
          "attempts",
          "next_attempt_at",
          "last_error",
          "created_at",
          "updated_at");

  private static final List<String> TRACE_INSERT =
      List.of(
          "order_no", "occurred_at", "from_party", "to_party", "message", "reply", "block_path");

  private final Database db;
  private final Tables t;
  private final String orderUpdate;

  public JdbcOrderStoreImpl(JdbcConfig config) {
    this.db = new Database(Objects.requireNonNull(config, "config"));
    this.t = db.tables();
    this.orderUpdate =
        "UPDATE "
            + t.orders()
            + " SET user_id = ?, total_amount = ?, description = ?, status = ?, version = ?,"
            + " created_at = ?, expires_at = ?, paid_at = ?, closed_at = ?,"
            + " fulfillment_started_at = ?, refunded_amount = ?, failure_reason = ?,"
            + " payment_count = ?, refund_count = ?, due_at = ?"
            + " WHERE order_no = ? AND version = ?";
  }

  // ------------------------------------------------------------------ insert, update, load

  @Override
  public void insert(OrderRecord record, List<Effect> effects, List<TraceEntry> trace) {
    Order order = record.order();
    db.tx()
        .write(
            "inserting order " + order.orderNo(),
            (c, joined) -> {
              Dialect dialect = db.dialect(c);
              try (PreparedStatement ps =
                  c.prepareStatement(
                      dialect.insertUnlessTaken(t.orders(), ORDER_INSERT, "order_no"))) {
                bindOrderInsert(ps, record);
                if (!dialect.insertedUnlessTaken(ps)) {
                  throw new DuplicateNumberException("order", order.orderNo());
                }
              }
              insertLines(c, order);
              writeChildren(c, record);
              insertEffects(c, effects);
              insertTrace(c, order.orderNo(), trace);
              return null;
            });
  }

  @Override
  public void update(StoreUpdate update) {
    OrderRecord record = update.record();
    Order order = record.order();
    String orderNo = order.orderNo();
    db.tx()
        .write(
            "updating order " + orderNo,
            (c, joined) -> {
              if (order.version() != update.expectedVersion() + 1) {
                // as a compare-and-set would: a stale writer hears that first
                if (currentVersion(c, orderNo) != update.expectedVersion()) {
                  throw new ConcurrentUpdateException(orderNo, update.expectedVersion());
                }
                throw new IllegalArgumentException(
                    "the new version of order "
                        + orderNo
                        + " must be "
                        + (update.expectedVersion() + 1)
                        + ", was "
                        + order.version());
              }
              try (PreparedStatement ps = c.prepareStatement(orderUpdate)) {
                int i = 0;
                ps.setString(++i, order.userId());
                ps.setLong(++i, order.totalAmount());
                ps.setString(++i, order.description());
                ps.setString(++i, order.status().name());
                ps.setLong(++i, order.version());
                Codec.setInstant(ps, ++i, order.createdAt());
                Codec.setInstant(ps, ++i, order.expiresAt());
                Codec.setInstant(ps, ++i, order.paidAt());
                Codec.setInstant(ps, ++i, order.closedAt());
                Codec.setInstant(ps, ++i, Models.fulfillmentStartedAt(order));
                ps.setLong(++i, order.refundedAmount());
                Codec.setString(ps, ++i, order.failureReason());
                ps.setInt(++i, record.payments().size());
                ps.setInt(++i, record.refunds().size());
                Codec.setInstant(ps, ++i, orderDueAt(order));
                ps.setString(++i, orderNo);
                ps.setLong(++i, update.expectedVersion());
                if (ps.executeUpdate() != 1) {
                  throw new ConcurrentUpdateException(orderNo, update.expectedVersion());
                }
              }
              writeChildren(c, record);
              insertEffects(c, update.effects());
              insertTrace(c, orderNo, update.trace());
              return null;
            });
  }

  @Override
  public Optional<OrderRecord> load(String orderNo) {
    Objects.requireNonNull(orderNo, "orderNo");
    return db.tx().read("loading order " + orderNo, (c, joined) -> loadOn(c, orderNo));
  }

  private Optional<OrderRecord> loadOn(Connection c, String orderNo) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      Rows.OrderRow row = null;
      List<OrderLine> lines = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT "
                  + Rows.ORDER_COLUMNS
                  + ", l.line_no, l.sku, l.quantity, l.unit_price FROM "
                  + t.orders()
                  + " o LEFT JOIN "
                  + t.orderLines()
                  + " l ON l.order_no = o.order_no WHERE o.order_no = ? ORDER BY l.line_no")) {
        ps.setString(1, orderNo);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (row == null) {
              row = Rows.orderRow(rs);
            }
            rs.getInt("line_no");
            if (!rs.wasNull()) {
              lines.add(Rows.line(rs));
            }
          }
        }
      }
      if (row == null) {
        return Optional.empty();
      }
      if (row.version() < 1) {
        throw new CorruptDataException(orderNo, "its version is " + row.version());
      }
      if (lines.isEmpty() || lines.size() != row.counts().lines()) {
        throw new CorruptDataException(
            orderNo,
            "line_count is "
                + row.counts().lines()
                + " but "
                + lines.size()
                + " rows of "
                + t.orderLines()
                + " belong to it");
      }
      Map<String, Long> written = new LinkedHashMap<>();
      List<Payment> payments =
          row.counts().payments() == 0
              ? List.of()
              : children(
                  c,
                  "SELECT "
                      + Rows.PAYMENT_COLUMNS
                      + " FROM "
                      + t.payments()
                      + " p WHERE p.order_no = ? ORDER BY p.list_index",
                  orderNo,
                  rs -> {
                    written.put(
                        "payment " + rs.getString("payment_no"), rs.getLong("order_version"));
                    return Rows.payment(rs);
                  });
      List<Refund> refunds =
          row.counts().refunds() == 0
              ? List.of()
              : children(
                  c,
                  "SELECT "
                      + Rows.REFUND_COLUMNS
                      + " FROM "
                      + t.refunds()
                      + " r WHERE r.order_no = ? ORDER BY r.list_index",
                  orderNo,
                  rs -> {
                    written.put("refund " + rs.getString("refund_no"), rs.getLong("order_version"));
                    return Rows.refund(rs);
                  });
      String problem = consistency(row, payments.size(), refunds.size(), written);
      if (problem == null) {
        return Optional.of(new OrderRecord(row.toOrder(lines), payments, refunds));
      }
      // An update that committed between the reads shows as a newer version now: read again.
      // The same version means the rows themselves disagree: someone edited them.
      long now = currentVersion(c, orderNo);
      if (now == row.version() || attempt >= LOAD_ATTEMPTS) {
        throw new CorruptDataException(orderNo, problem);
      }
    }
  }

  private @Nullable String consistency(
      Rows.OrderRow row, int payments, int refunds, Map<String, Long> written) {
    for (Map.Entry<String, Long> e : written.entrySet()) {
      if (e.getValue() > row.version()) {
        return "its version went backwards: "
            + e.getKey()
            + " was written at version "
            + e.getValue()
            + ", the order is at version "
            + row.version();
      }
      if (e.getValue() < row.version()) {
        return e.getKey()
            + " was last written at version "
            + e.getValue()
            + ", the order is at version "
            + row.version();
      }
    }
    if (payments != row.counts().payments()) {
      return "payment_count is "
          + row.counts().payments()
          + " but "
          + payments
          + " payments belong to it";
    }
    if (refunds != row.counts().refunds()) {
      return "refund_count is "
          + row.counts().refunds()
          + " but "
          + refunds
          + " refunds belong to it";
    }
    return null;
  }

  private long currentVersion(Connection c, String orderNo) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT version FROM " + t.orders() + " WHERE order_no = ?")) {
      ps.setString(1, orderNo);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
      }
    }
  }

  private static <T> List<T> children(Connection c, String sql, String orderNo, RowReader<T> reader)
      throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, orderNo);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(reader.read(rs));
        }
      }
    }
    return out;
  }

  /** Reads one row. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @Override
  public Optional<String> findOrderNoByPaymentNo(String paymentNo) {
    Objects.requireNonNull(paymentNo, "paymentNo");
    return owner(t.payments(), "payment_no", paymentNo, "payment");
  }

  @Override
  public Optional<String> findOrderNoByRefundNo(String refundNo) {
    Objects.requireNonNull(refundNo, "refundNo");
    return owner(t.refunds(), "refund_no", refundNo, "refund");
  }

  private Optional<String> owner(String table, String keyColumn, String key, String what) {
    return db.tx()
        .read(
            "finding the order of " + what + " " + key,
            (c, joined) -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT x.order_no, o.order_no AS present FROM "
                          + table
                          + " x LEFT JOIN "
                          + t.orders()
                          + " o ON o.order_no = x.order_no WHERE x."
                          + keyColumn
                          + " = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return Optional.empty();
                  }
                  String orderNo = rs.getString(1);
                  if (rs.getString(2) == null) {
                    throw missingOrder(orderNo, what + " " + key);
                  }
                  return Optional.of(orderNo);
                }
              }
            });
  }

  private CorruptDataException missingOrder(String orderNo, String what) {
    return new CorruptDataException(
        orderNo, what + " belongs to it, but it is not in " + t.orders());
  }

  // ------------------------------------------------------------------ writing rows

  private void bindOrderInsert(PreparedStatement ps, OrderRecord record) throws SQLException {
    Order order = record.order();
    int i = 0;
    ps.setString(++i, order.orderNo());
    ps.setString(++i, order.userId());
    ps.setLong(++i, order.totalAmount());
    ps.setString(++i, order.description());
    ps.setString(++i, order.status().name());
    ps.setLong(++i, order.version());
    Codec.setInstant(ps, ++i, order.createdAt());
    Codec.setInstant(ps, ++i, order.expiresAt());
    Codec.setInstant(ps, ++i, order.paidAt());
    Codec.setInstant(ps, ++i, order.closedAt());
    Codec.setInstant(ps, ++i, Models.fulfillmentStartedAt(order));
    ps.setLong(++i, order.refundedAmount());
    Codec.setString(ps, ++i, order.failureReason());
    ps.setInt(++i, order.lines().size());
    ps.setInt(++i, record.payments().size());
    ps.setInt(++i, record.refunds().size());
    Codec.setInstant(ps, ++i, orderDueAt(order));
  }

  private static @Nullable Instant orderDueAt(Order order) {
    return EXPIRABLE.contains(order.status()) ? order.expiresAt() : null;
  }

  private void insertLines(Connection c, Order order) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            Dialect.insert(
                t.orderLines(), List.of("order_no", "line_no", "sku", "quantity", "unit_price")))) {
      int lineNo = 0;
      for (OrderLine line : order.lines()) {
        ps.setString(1, order.orderNo());
        ps.setInt(2, ++lineNo);
        ps.setString(3, line.sku());
        ps.setInt(4, line.quantity());
        ps.setLong(5, line.unitPrice());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Upserts every payment and refund of the record, stamped with the record's version. */
  private void writeChildren(Connection c, OrderRecord record) throws SQLException {
    Dialect dialect = db.dialect(c);
    long version = record.version();
    if (!record.payments().isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(upsertOfOwnRow(dialect, t.payments(), PAYMENT_INSERT, "payment_no"))) {
        int index = 0;
        for (Payment p : record.payments()) {
          int i = 0;
          ps.setString(++i, p.paymentNo());
          ps.setString(++i, record.order().orderNo());
          ps.setInt(++i, index++);
          ps.setString(++i, p.channel());
          ps.setString(++i, p.tradeType().name());
          ps.setLong(++i, p.amount());
          ps.setString(++i, p.status().name());
          Codec.setString(ps, ++i, p.payerId());
          Codec.setString(ps, ++i, p.clientIp());
          ps.setString(++i, Codec.json(p.prepayData()));
          Codec.setString(ps, ++i, p.transactionId());
          Codec.setString(ps, ++i, p.failureCode());
          Codec.setString(ps, ++i, p.failureReason());
          Codec.setInstant(ps, ++i, p.createdAt());
          Codec.setInstant(ps, ++i, p.updatedAt());
          Codec.setInstant(ps, ++i, p.paidAt());
          ps.setLong(++i, version);
          Codec.setInstant(ps, ++i, AWAITING.contains(p.status()) ? p.createdAt() : null);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!record.refunds().isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(upsertOfOwnRow(dialect, t.refunds(), REFUND_INSERT, "refund_no"))) {
        int index = 0;
        for (Refund r : record.refunds()) {
          int i = 0;
          ps.setString(++i, r.refundNo());
          ps.setString(++i, record.order().orderNo());
          ps.setString(++i, r.paymentNo());
          ps.setInt(++i, index++);
          ps.setLong(++i, r.amount());
          ps.setString(++i, r.reason());
          ps.setString(++i, r.status().name());
          ps.setString(++i, Models.kind(r));
          Codec.setString(ps, ++i, r.channelRefundId());
          Codec.setString(ps, ++i, r.failureReason());
          Codec.setInstant(ps, ++i, r.createdAt());
          Codec.setInstant(ps, ++i, r.updatedAt());
          Codec.setInstant(ps, ++i, r.completedAt());
          ps.setLong(++i, version);
          Codec.setInstant(ps, ++i, REFUND_AWAITING.contains(r.status()) ? r.updatedAt() : null);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  /**
   * An upsert that changes an existing row only if it belongs to the same order (a number held by
   * another order is left alone; the order's counts then disagree with its rows, which a load
   * reports). The claim columns are never part of it: an update keeps the claim state.
   */
  private static String upsertOfOwnRow(
      Dialect dialect, String table, List<String> columns, String key) {
    List<String> updated =
        columns.stream().filter(col -> !col.equals(key) && !col.equals("order_no")).toList();
    String sql = dialect.upsert(table, columns, key, updated);
    return switch (dialect.vendor()) {
      case POSTGRESQL -> sql + " WHERE " + table + ".order_no = EXCLUDED.order_no";
      case MYSQL ->
          Dialect.insert(table, columns)
              + " ON DUPLICATE KEY UPDATE "
              + String.join(
                  ", ",
                  updated.stream()
                      .map(
                          col ->
                              col
                                  + " = IF(order_no = VALUES(order_no), VALUES("
                                  + col
                                  + "), "
                                  + col
                                  + ")")
                      .toList());
      case H2 -> sql;
    };
  }

  private void insertEffects(Connection c, List<Effect> effects) throws SQLException {
    if (effects.isEmpty()) {
      return;
    }
    Map<String, Effect> byId = new LinkedHashMap<>();
    for (Effect e : effects) {
      byId.putIfAbsent(e.id(), e);
    }
    Dialect dialect = db.dialect(c);
    String sql = dialect.insertIgnoringDuplicate(t.effects(), EFFECT_INSERT, "effect_id");
    if (sql == null) {
      byId.keySet().removeAll(existingEffectIds(c, byId.keySet()));
      if (byId.isEmpty()) {
        return;
      }
      sql = Dialect.insert(t.effects(), EFFECT_INSERT);
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Effect e : byId.values()) {
        int i = 0;
        ps.setString(++i, e.id());
        ps.setString(++i, e.orderNo());
        ps.setString(++i, e.type().name());
        Codec.setString(ps, ++i, e.target());
        ps.setString(++i, Codec.json(e.data()));
        ps.setString(++i, e.status().name());
        ps.setInt(++i, e.attempts());
        Codec.setInstant(ps, ++i, e.nextAttemptAt());
        Codec.setString(ps, ++i, e.lastError());
        Codec.setInstant(ps, ++i, e.createdAt());
        Codec.setInstant(ps, ++i, e.updatedAt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private Set<String> existingEffectIds(Connection c, Collection<String> ids) throws SQLException {
    return existingKeys(c, t.effects(), "effect_id", ids);
  }

  /** Which of these keys the table holds in that column: one {@code SELECT ... IN (...)}. */
  private static Set<String> existingKeys(
      Connection c, String table, String column, Collection<String> keys) throws SQLException {
    Set<String> existing = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + column
                + " FROM "
                + table
                + " WHERE "
                + column
                + " IN ("
                + Dialect.placeholders(keys.size())
                + ")")) {
      int i = 0;
      for (String key : keys) {
        ps.setString(++i, key);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          existing.add(rs.getString(1));
        }
      }
    }
    return existing;
  }

  private void insertTrace(Connection c, String orderNo, List<TraceEntry> entries)
      throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(Dialect.insert(t.trace(), TRACE_INSERT))) {
      for (TraceEntry e : entries) {
        int i = 0;
        ps.setString(++i, orderNo);
        Codec.setInstant(ps, ++i, e.at());
        ps.setString(++i, e.from().name());
        ps.setString(++i, e.to().name());
        ps.setString(++i, e.message());
        ps.setBoolean(++i, e.reply());
        ps.setString(++i, e.block());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // ------------------------------------------------------------------ due work

  /** Where the items of one kind of due work live. */
  private record WorkTable(String table, String key, boolean ownsOrder) {}

  private WorkTable workTable(DueWorkKind kind) {
    return switch (kind) {
      case EXPIRY -> new WorkTable(t.orders(), "order_no", true);
      case PAYMENT_CHECK -> new WorkTable(t.payments(), "payment_no", false);
      case REFUND_CHECK -> new WorkTable(t.refunds(), "refund_no", false);
    };
  }

  /** A due item found, before it is claimed. */
  private record Candidate(String key, String orderNo, int attempts) {}

  @Override
  public List<DueWork> claimDueWork(
      DueWorkKind kind, Instant cutoff, Instant now, Instant leaseUntil, int limit) {
    Objects.requireNonNull(kind, "kind");
    if (limit <= 0) {
      return List.of();
    }
    WorkTable w = workTable(kind);
    return db.tx()
        .write(
            "claiming due " + kind + " work",
            (c, joined) -> {
              Dialect dialect = db.dialect(c);
              String select = "SELECT " + w.key() + ", order_no, claim_attempts FROM " + w.table();
              List<Candidate> found =
                  candidates(
                      c,
                      select
                          + " WHERE fresh_due_at <= ? ORDER BY fresh_due_at, "
                          + w.key()
                          + " LIMIT ?"
                          + dialect.claimLock(),
                      ps -> {
                        Codec.setInstant(ps, 1, cutoff);
                        ps.setInt(2, limit);
                      });
              if (found.size() < limit) {
                int rest = limit - found.size();
                found.addAll(
                    candidates(
                        c,
                        select
                            + " WHERE reclaim_at <= ? AND due_at <= ? ORDER BY reclaim_at, "
                            + w.key()
                            + " LIMIT ?"
                            + dialect.claimLock(),
                        ps -> {
                          Codec.setInstant(ps, 1, now);
                          Codec.setInstant(ps, 2, cutoff);
                          ps.setInt(3, rest);
                        }));
              }
              if (found.isEmpty()) {
                return List.of();
              }
              if (!w.ownsOrder()) {
                checkOrdersExist(c, found.stream().map(Candidate::orderNo).toList(), kind.name());
              }
              List<DueWork> claimed = new ArrayList<>();
              if (dialect.skipLocked()) {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE "
                            + w.table()
                            + " SET claim_until = ?, claim_attempts = claim_attempts + 1 WHERE "
                            + w.key()
                            + " = ?")) {
                  for (Candidate cand : found) {
                    Codec.setInstant(ps, 1, leaseUntil);
                    ps.setString(2, cand.key());
                    ps.addBatch();
                    claimed.add(new DueWork(kind, cand.key(), cand.orderNo(), cand.attempts() + 1));
                  }
                  ps.executeBatch();
                }
              } else {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE "
                            + w.table()
                            + " SET claim_until = ?, claim_attempts = claim_attempts + 1 WHERE "
                            + w.key()
                            + " = ? AND claim_attempts = ? AND due_at <= ?"
                            + " AND (claim_until IS NULL OR claim_until <= ?)")) {
                  for (Candidate cand : found) {
                    Codec.setInstant(ps, 1, leaseUntil);
                    ps.setString(2, cand.key());
                    ps.setInt(3, cand.attempts());
                    Codec.setInstant(ps, 4, cutoff);
                    Codec.setInstant(ps, 5, now);
                    if (ps.executeUpdate() == 1) {
                      claimed.add(
                          new DueWork(kind, cand.key(), cand.orderNo(), cand.attempts() + 1));
                    }
                  }
                }
              }
              return claimed;
            });
  }

  private List<Candidate> candidates(Connection c, String sql, Binder binder) throws SQLException {
    List<Candidate> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Candidate(rs.getString(1), rs.getString(2), rs.getInt(3)));
        }
      }
    }
    return out;
  }

  /** Binds the parameters of a statement. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Fails with the first order number of {@code orderNos} that has no order row. */
  private void checkOrdersExist(Connection c, Collection<String> orderNos, String what)
      throws SQLException {
    Set<String> wanted = new LinkedHashSet<>(orderNos);
    if (wanted.isEmpty()) {
      return;
    }
    Set<String> present = existingKeys(c, t.orders(), "order_no", wanted);
    for (String orderNo : wanted) {
      if (!present.contains(orderNo)) {
        throw missingOrder(orderNo, "a " + what + " row");
      }
    }
  }

  @Override
  public void deferDueWork(DueWorkKind kind, String key, Instant dueAt) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    WorkTable w = workTable(kind);
    db.tx()
        .statement(
            "deferring " + kind + " work of " + key,
            (c, joined) -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE "
                          + w.table()
                          + " SET claim_until = ? WHERE "
                          + w.key()
                          + " = ? AND due_at IS NOT NULL")) {
                Codec.setInstant(ps, 1, dueAt);
                ps.setString(2, key);
                return ps.executeUpdate();
              }
            });
  }

  @Override
  public List<Payment> findPaymentsAwaitingResult(Instant createdBefore, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.tx()
        .read(
            "finding payments awaiting a result",
            (c, joined) -> {
              List<Payment> out =
                  rows(
                      c,
                      "SELECT "
                          + Rows.PAYMENT_COLUMNS
                          + " FROM "
                          + t.payments()
                          + " p WHERE p.due_at < ? ORDER BY p.due_at, p.payment_no LIMIT ?",
                      ps -> {
                        Codec.setInstant(ps, 1, createdBefore);
                        ps.setInt(2, limit);
                      },
                      Rows::payment);
              checkOrdersExist(c, out.stream().map(Payment::orderNo).toList(), "payment");
              return out;
            });
  }

  @Override
  public List<Refund> findRefundsAwaitingResult(Instant updatedBefore, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.tx()
        .read(
            "finding refunds awaiting a result",
            (c, joined) -> {
              List<Refund> out =
                  rows(
                      c,
                      "SELECT "
                          + Rows.REFUND_COLUMNS
                          + " FROM "
                          + t.refunds()
                          + " r WHERE r.due_at < ? ORDER BY r.due_at, r.refund_no LIMIT ?",
                      ps -> {
                        Codec.setInstant(ps, 1, updatedBefore);
                        ps.setInt(2, limit);
                      },
                      Rows::refund);
              checkOrdersExist(c, out.stream().map(Refund::orderNo).toList(), "refund");
              return out;
            });
  }

  private static <T> List<T> rows(Connection c, String sql, Binder binder, RowReader<T> reader)
      throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(reader.read(rs));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ effects

  /** An effect row as read for a claim. */
  private record EffectRow(long seq, Effect effect, long token) {}

  private static EffectRow effectRow(ResultSet rs) throws SQLException {
    return new EffectRow(rs.getLong("seq"), Rows.effect(rs), rs.getLong("lease_token"));
  }

  @Override
  public List<ClaimedEffect> claimDueEffects(Instant now, Instant leaseUntil, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.tx()
        .write(
            "claiming due effects",
            (c, joined) -> {
              Dialect dialect = db.dialect(c);
              List<EffectRow> found =
                  rows(
                      c,
                      "SELECT "
                          + Rows.EFFECT_COLUMNS
                          + " FROM "
                          + t.effects()
                          + " e WHERE e.due_at <= ? ORDER BY e.due_at, e.effect_id LIMIT ?"
                          + dialect.claimLock(),
                      ps -> {
                        Codec.setInstant(ps, 1, now);
                        ps.setInt(2, limit);
                      },
                      JdbcOrderStoreImpl::effectRow);
              checkOrdersExist(c, found.stream().map(r -> r.effect().orderNo()).toList(), "effect");
              return claim(
                  c,
                  dialect,
                  found,
                  now,
                  leaseUntil,
                  "due_at <= ?",
                  ps -> {
                    Codec.setInstant(ps, 5, now);
                  });
            });
  }

  @Override
  public List<ClaimedEffect> claimEffects(List<String> effectIds, Instant now, Instant leaseUntil) {
    if (effectIds.isEmpty()) {
      return List.of();
    }
    List<String> ids = List.copyOf(new LinkedHashSet<>(effectIds));
    return db.tx()
        .write(
            "claiming effects",
            (c, joined) -> {
              if (joined) {
                // Inside the host's transaction the effects are not committed yet: running them
                // now could act on a transition the host still rolls back. The sweep claims them
                // once they are committed.
                return List.of();
              }
              Dialect dialect = db.dialect(c);
              List<EffectRow> found =
                  rows(
                      c,
                      "SELECT "
                          + Rows.EFFECT_COLUMNS
                          + " FROM "
                          + t.effects()
                          + " e WHERE e.effect_id IN ("
                          + Dialect.placeholders(ids.size())
                          + ") AND e.status = ?"
                          + dialect.claimLock(),
                      ps -> {
                        int i = 0;
                        for (String id : ids) {
                          ps.setString(++i, id);
                        }
                        ps.setString(++i, EffectStatus.PENDING.name());
                      },
                      JdbcOrderStoreImpl::effectRow);
              Map<String, EffectRow> byId = new HashMap<>();
              found.forEach(r -> byId.put(r.effect().id(), r));
              List<EffectRow> ordered =
                  ids.stream().map(byId::get).filter(Objects::nonNull).toList();
              return claim(
                  c,
                  dialect,
                  ordered,
                  now,
                  leaseUntil,
                  "status = ?",
                  ps -> {
                    ps.setString(5, EffectStatus.PENDING.name());
                  });
            });
  }

  /**
   * Moves the found effects to {@code RUNNING} under a new token. With SKIP LOCKED the rows are
   * locked already; without, each update re-checks the row is unchanged ({@code lease_token} as
   * read, and {@code recheck}) and an effect another claimer took first is left out.
   */
  private List<ClaimedEffect> claim(
      Connection c,
      Dialect dialect,
      List<EffectRow> found,
      Instant now,
      Instant leaseUntil,
      String recheck,
      Binder recheckBinder)
      throws SQLException {
    if (found.isEmpty()) {
      return List.of();
    }
    Instant at = Codec.micros(now);
    Instant until = Codec.micros(leaseUntil);
    String sql =
        "UPDATE "
            + t.effects()
            + " SET status = 'RUNNING', lease_until = ?, lease_token = lease_token + 1,"
            + " updated_at = ? WHERE seq = ?"
            + (dialect.skipLocked() ? "" : " AND lease_token = ? AND " + recheck);
    List<ClaimedEffect> claimed = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (EffectRow row : found) {
        Codec.setInstant(ps, 1, until);
        Codec.setInstant(ps, 2, at);
        ps.setLong(3, row.seq());
        if (dialect.skipLocked()) {
          ps.addBatch();
        } else {
          ps.setLong(4, row.token());
          recheckBinder.bind(ps);
          if (ps.executeUpdate() != 1) {
            continue;
          }
        }
        Effect e = row.effect();
        Effect running =
            new Effect(
                e.id(),
                e.orderNo(),
                e.type(),
                e.target(),
                e.data(),
                EffectStatus.RUNNING,
                e.attempts(),
                e.nextAttemptAt(),
                e.lastError(),
                e.createdAt(),
                at);
        claimed.add(new ClaimedEffect(running, row.token() + 1, until));
      }
      if (dialect.skipLocked()) {
        ps.executeBatch();
      }
    }
    return claimed;
  }

  @Override
  public boolean completeEffect(String effectId, long token, int attempts, Instant at) {
    return fenced(
        "completing effect " + effectId,
        "status = 'DONE', attempts = ?, updated_at = ?",
        effectId,
        token,
        at,
        ps -> {
          ps.setInt(1, attempts);
          Codec.setInstant(ps, 2, at);
        },
        2);
  }

  @Override
  public boolean retryEffectLater(
      String effectId, long token, int attempts, Instant nextAttemptAt, String error, Instant at) {
    return fenced(
        "retrying effect " + effectId,
        "status = 'PENDING', attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?",
        effectId,
        token,
        at,
        ps -> {
          ps.setInt(1, attempts);
          Codec.setInstant(ps, 2, nextAttemptAt);
          ps.setString(3, error);
          Codec.setInstant(ps, 4, at);
        },
        4);
  }

  @Override
  public boolean parkEffect(String effectId, long token, int attempts, String error, Instant at) {
    return fenced(
        "parking effect " + effectId,
        "status = 'DEAD', attempts = ?, last_error = ?, updated_at = ?",
        effectId,
        token,
        at,
        ps -> {
          ps.setInt(1, attempts);
          ps.setString(2, error);
          Codec.setInstant(ps, 3, at);
        },
        3);
  }

  /**
   * One conditional update of an effect: only while it is {@code RUNNING} under {@code token} and
   * its lease has not ended at {@code at}. Whether it changed.
   */
  private boolean fenced(
      String operation,
      String assignments,
      String effectId,
      long token,
      Instant at,
      Binder binder,
      int bound) {
    Objects.requireNonNull(effectId, "effectId");
    int changed =
        db.tx()
            .statement(
                operation,
                (c, joined) -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "UPDATE "
                              + t.effects()
                              + " SET "
                              + assignments
                              + ", lease_until = NULL WHERE effect_id = ? AND status = 'RUNNING'"
                              + " AND lease_token = ? AND lease_until > ?")) {
                    binder.bind(ps);
                    ps.setString(bound + 1, effectId);
                    ps.setLong(bound + 2, token);
                    Codec.setInstant(ps, bound + 3, at);
                    return ps.executeUpdate();
                  }
                });
    return changed == 1;
  }

  @Override
  public boolean reviveEffect(String effectId, Instant at) {
    Objects.requireNonNull(effectId, "effectId");
    int changed =
        db.tx()
            .statement(
                "reviving effect " + effectId,
                (c, joined) -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "UPDATE "
                              + t.effects()
                              + " SET status = 'PENDING', next_attempt_at = ?, updated_at = ?"
                              + " WHERE effect_id = ? AND status = 'DEAD'")) {
                    Codec.setInstant(ps, 1, at);
                    Codec.setInstant(ps, 2, at);
                    ps.setString(3, effectId);
                    return ps.executeUpdate();
                  }
                });
    return changed == 1;
  }

  @Override
  public List<Effect> findEffects(String orderNo) {
    Objects.requireNonNull(orderNo, "orderNo");
    return db.tx()
        .read(
            "finding the effects of order " + orderNo,
            (c, joined) -> {
              List<Effect> out =
                  rows(
                      c,
                      "SELECT "
                          + Rows.EFFECT_COLUMNS
                          + " FROM "
                          + t.effects()
                          + " e WHERE e.order_no = ? ORDER BY e.seq",
                      ps -> ps.setString(1, orderNo),
                      Rows::effect);
              if (!out.isEmpty()) {
                checkOrdersExist(c, List.of(orderNo), "effect");
              }
              return out;
            });
  }

  @Override
  public List<Effect> findEffectsByStatus(EffectStatus status, int limit) {
    Objects.requireNonNull(status, "status");
    if (limit <= 0) {
      return List.of();
    }
    return db.tx()
        .read(
            "finding " + status + " effects",
            (c, joined) -> {
              List<Effect> out =
                  rows(
                      c,
                      "SELECT "
                          + Rows.EFFECT_COLUMNS
                          + " FROM "
                          + t.effects()
                          + " e WHERE e.status = ? ORDER BY e.updated_at, e.effect_id LIMIT ?",
                      ps -> {
                        ps.setString(1, status.name());
                        ps.setInt(2, limit);
                      },
                      Rows::effect);
              checkOrdersExist(c, out.stream().map(Effect::orderNo).toList(), "effect");
              return out;
            });
  }

  // ------------------------------------------------------------------ views

  @Override
  public List<Order> findOrders(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "offset must be >= 0 and limit >= 1, were " + offset + " and " + limit);
    }
    return db.tx()
        .read(
            "finding orders",
            (c, joined) -> {
              List<Rows.OrderRow> page =
                  rows(
                      c,
                      "SELECT "
                          + Rows.ORDER_COLUMNS
                          + " FROM "
                          + t.orders()
                          + " o ORDER BY o.created_at DESC, o.order_no DESC LIMIT ? OFFSET ?",
                      ps -> {
                        ps.setInt(1, limit);
                        ps.setInt(2, offset);
                      },
                      Rows::orderRow);
              if (page.isEmpty()) {
                return List.of();
              }
              Map<String, List<OrderLine>> lines = new HashMap<>();
              rows(
                  c,
                  "SELECT order_no, sku, quantity, unit_price FROM "
                      + t.orderLines()
                      + " WHERE order_no IN ("
                      + Dialect.placeholders(page.size())
                      + ") ORDER BY order_no, line_no",
                  ps -> {
                    int i = 0;
                    for (Rows.OrderRow row : page) {
                      ps.setString(++i, row.orderNo());
                    }
                  },
                  rs -> {
                    lines
                        .computeIfAbsent(rs.getString("order_no"), k -> new ArrayList<>())
                        .add(Rows.line(rs));
                    return null;
                  });
              List<Order> out = new ArrayList<>();
              for (Rows.OrderRow row : page) {
                List<OrderLine> own = lines.getOrDefault(row.orderNo(), List.of());
                if (own.isEmpty() || own.size() != row.counts().lines()) {
                  throw new CorruptDataException(
                      row.orderNo(),
                      "line_count is "
                          + row.counts().lines()
                          + " but "
                          + own.size()
                          + " lines belong to it");
                }
                out.add(row.toOrder(own));
              }
              return out;
            });
  }

  @Override
  public StoreStatistics statistics() {
    return db.tx()
        .read(
            "counting by status",
            (c, joined) ->
                new StoreStatistics(
                    counts(c, t.orders(), "order_no", OrderStatus.class),
                    counts(c, t.payments(), "order_no", PaymentStatus.class),
                    counts(c, t.refunds(), "order_no", RefundStatus.class),
                    counts(c, t.effects(), "order_no", EffectStatus.class)));
  }

  private <E extends Enum<E>> Map<E, Long> counts(
      Connection c, String table, String orderColumn, Class<E> type) throws SQLException {
    Map<E, Long> counts = new EnumMap<>(type);
    Map<String, Long> raw = new LinkedHashMap<>();
    rows(
        c,
        "SELECT status, COUNT(*) FROM " + table + " GROUP BY status",
        ps -> {},
        rs -> raw.put(rs.getString(1), rs.getLong(2)));
    for (Map.Entry<String, Long> e : raw.entrySet()) {
      E constant = constantOrNull(type, e.getKey());
      if (constant == null) {
        String orderNo =
            rows(
                    c,
                    "SELECT " + orderColumn + " FROM " + table + " WHERE status = ?",
                    ps -> ps.setString(1, e.getKey()),
                    rs -> rs.getString(1))
                .stream()
                .findFirst()
                .orElse("?");
        throw new CorruptDataException(
            orderNo,
            "status '"
                + e.getKey()
                + "' in "
                + table
                + " is not a "
                + type.getSimpleName()
                + " payflow knows");
      }
      counts.put(constant, e.getValue());
    }
    return counts;
  }

  private static <E extends Enum<E>> @Nullable E constantOrNull(Class<E> type, String name) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ trace

  @Override
  public void appendTrace(String orderNo, List<TraceEntry> entries) {
    Objects.requireNonNull(orderNo, "orderNo");
    if (entries.isEmpty()) {
      return;
    }
    db.tx()
        .write(
            "appending to the trace of order " + orderNo,
            (c, joined) -> {
              insertTrace(c, orderNo, entries);
              return null;
            });
  }

  @Override
  public List<TraceEntry> loadTrace(String orderNo) {
    Objects.requireNonNull(orderNo, "orderNo");
    return db.tx()
        .read(
            "loading the trace of order " + orderNo,
            (c, joined) ->
                rows(
                    c,
                    "SELECT occurred_at, from_party, to_party, message, reply, block_path FROM "
                        + t.trace()
                        + " WHERE order_no = ? ORDER BY seq",
                    ps -> ps.setString(1, orderNo),
                    rs -> Rows.trace(rs, orderNo)));
  }
}
