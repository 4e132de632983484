package io.payflow.jdbc.internal;

import io.payflow.jdbc.DatabaseVendor;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What differs between the databases: how to insert a row unless its key is taken, how to upsert,
 * how to claim rows (with {@code FOR UPDATE SKIP LOCKED} or a portable conditional update), and how
 * errors are told apart.
 *
 * <p>This class is immutable and threadsafe.
 */
final class Dialect {

  private final DatabaseVendor vendor;
  private final boolean skipLocked;

  private Dialect(DatabaseVendor vendor, boolean skipLocked) {
    this.vendor = vendor;
    this.skipLocked = skipLocked;
  }

  /** The dialect of this vendor; SKIP LOCKED only where the server has it. */
  static Dialect of(DatabaseVendor vendor, DatabaseMetaData metaData) throws SQLException {
    return new Dialect(vendor, supportsSkipLocked(vendor, metaData));
  }

  private static boolean supportsSkipLocked(DatabaseVendor vendor, DatabaseMetaData metaData)
      throws SQLException {
    int major = metaData.getDatabaseMajorVersion();
    int minor = metaData.getDatabaseMinorVersion();
    return switch (vendor) {
      case POSTGRESQL -> major > 9 || (major == 9 && minor >= 5);
      case MYSQL -> {
        String product = metaData.getDatabaseProductVersion();
        boolean mariaDb =
            metaData.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("mariadb")
                || (product != null
                    && product.toLowerCase(java.util.Locale.ROOT).contains("mariadb"));
        yield mariaDb ? major > 10 || (major == 10 && minor >= 6) : major >= 8;
      }
      case H2 -> false;
    };
  }

  DatabaseVendor vendor() {
    return vendor;
  }

  /** Whether claims lock with {@code FOR UPDATE SKIP LOCKED}; else they are conditional updates. */
  boolean skipLocked() {
    return skipLocked;
  }

  /** The clause that ends a claiming SELECT. */
  String claimLock() {
    return skipLocked ? " FOR UPDATE SKIP LOCKED" : "";
  }

  /**
   * An INSERT of one row for {@link #insertedUnlessTaken}: on PostgreSQL it does nothing if {@code
   * key} is taken (a failed statement would abort the whole transaction there); elsewhere it fails
   * with a duplicate key, which undoes only that statement.
   */
  String insertUnlessTaken(String table, List<String> columns, String key) {
    String insert = insert(table, columns);
    return vendor == DatabaseVendor.POSTGRESQL
        ? insert + " ON CONFLICT (" + key + ") DO NOTHING"
        : insert;
  }

  /** Runs a statement of {@link #insertUnlessTaken}: whether it inserted the row. */
  boolean insertedUnlessTaken(PreparedStatement ps) throws SQLException {
    try {
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (vendor != DatabaseVendor.POSTGRESQL && isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * A batchable INSERT of one row that does nothing if {@code key} is taken, or null where the
   * caller must leave out the taken keys itself (H2). Its update counts mean nothing.
   */
  String insertIgnoringDuplicate(String table, List<String> columns, String key) {
    String insert = insert(table, columns);
    return switch (vendor) {
      case POSTGRESQL -> insert + " ON CONFLICT (" + key + ") DO NOTHING";
      case MYSQL -> insert + " ON DUPLICATE KEY UPDATE " + key + " = " + key;
      case H2 -> null;
    };
  }

  /** An INSERT of one row that updates {@code updated} columns if {@code key} is taken. */
  String upsert(String table, List<String> columns, String key, List<String> updated) {
    return switch (vendor) {
      case POSTGRESQL ->
          insert(table, columns)
              + " ON CONFLICT ("
              + key
              + ") DO UPDATE SET "
              + updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
      case MYSQL ->
          insert(table, columns)
              + " ON DUPLICATE KEY UPDATE "
              + updated.stream()
                  .map(c -> c + " = VALUES(" + c + ")")
                  .collect(Collectors.joining(", "));
      case H2 ->
          "MERGE INTO "
              + table
              + " ("
              + String.join(", ", columns)
              + ") KEY ("
              + key
              + ") VALUES ("
              + placeholders(columns.size())
              + ")";
    };
  }

  static String insert(String table, List<String> columns) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + placeholders(columns.size())
        + ")";
  }

  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** Whether the error is a unique or primary key violation. */
  static boolean isDuplicateKey(SQLException e) {
    return anyInChain(e, x -> "23505".equals(x.getSQLState()) || x.getErrorCode() == 1062);
  }

  /**
   * Whether the error is a deadlock or serialization failure that leaves nothing behind: the whole
   * transaction may be run again.
   */
  static boolean isTransient(SQLException e) {
    return anyInChain(
        e,
        x ->
            "40001".equals(x.getSQLState())
                || "40P01".equals(x.getSQLState())
                || x.getErrorCode() == 1213);
  }

  private static boolean anyInChain(SQLException e, Predicate<SQLException> test) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException x) {
        if (test.test(x)) {
          return true;
        }
        if (x.getNextException() != null) {
          todo.push(x.getNextException());
        }
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
    }
    return false;
  }
}
