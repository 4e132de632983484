package io.payflow.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database with payflow's tables for one test class, on one of the {@link TestDatabase}s:
 * register it as a static {@code @RegisterExtension} field, and each test asks it for a {@link
 * #freshStore() store} or {@link #freshInventory inventory} on emptied tables. It opens the
 * database before the class's tests and closes its pools after them. Outside JUnit, {@link #open}
 * and {@link #close} do the same.
 *
 * <p>For the fault harness and multi-instance tests: {@link #freshStores()} gives a store and an
 * inventory on emptied tables, and {@link #newPool()} a second pool on the same database (another
 * "instance", or the same application after a restart).
 */
public final class JdbcTestDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  /** A store and an inventory on the same database. */
  public record Stores(JdbcOrderStore store, JdbcInventoryService inventory) {}

  /** The pool size; the contract kits race 8 threads by default. */
  public static final int POOL_SIZE = 12;

  private final TestDatabase kind;
  private final String tablePrefix;
  private TestDatabase.Coordinates at;
  private HikariDataSource pool;
  private final List<HikariDataSource> extraPools = new ArrayList<>();

  private JdbcTestDatabase(TestDatabase kind, String tablePrefix) {
    this.kind = kind;
    this.tablePrefix = tablePrefix;
  }

  public static JdbcTestDatabase on(TestDatabase kind) {
    return new JdbcTestDatabase(kind, JdbcConfig.DEFAULT_TABLE_PREFIX);
  }

  /** The same on tables with another prefix. */
  public static JdbcTestDatabase on(TestDatabase kind, String tablePrefix) {
    return new JdbcTestDatabase(kind, tablePrefix);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Creates the database and its tables, and opens the pool. */
  public synchronized JdbcTestDatabase open() {
    if (pool == null) {
      at = kind.createDatabase();
      pool = TestDatabase.pool(at, POOL_SIZE);
      JdbcSchema.initialize(config());
    }
    return this;
  }

  @Override
  public synchronized void close() {
    extraPools.forEach(HikariDataSource::close);
    extraPools.clear();
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  public TestDatabase kind() {
    return kind;
  }

  public DataSource dataSource() {
    return pool;
  }

  /** The config every store and inventory of this database uses. */
  public JdbcConfig config() {
    return config(pool);
  }

  /** The same config on another data source (a second pool, a counting wrapper). */
  public JdbcConfig config(DataSource dataSource) {
    return JdbcConfig.of(dataSource).withTablePrefix(tablePrefix);
  }

  /** A new pool on the same database, closed with this one. */
  public synchronized HikariDataSource newPool() {
    HikariDataSource extra = TestDatabase.pool(at, POOL_SIZE);
    extraPools.add(extra);
    return extra;
  }

  /** Empties every table (the schema stays). */
  public void clear() {
    String p = tablePrefix;
    for (String table :
        List.of(
            "reservation_lines",
            "reservations",
            "stock",
            "trace",
            "effects",
            "refunds",
            "payments",
            "order_lines",
            "orders")) {
      execute("DELETE FROM " + p + table);
    }
  }

  /** A store on emptied tables. */
  public JdbcOrderStore freshStore() {
    clear();
    return JdbcOrderStore.create(config());
  }

  /** An inventory on emptied tables holding exactly {@code stock}. */
  public JdbcInventoryService freshInventory(Map<String, Long> stock) {
    clear();
    JdbcInventoryService inventory = JdbcInventoryService.create(config());
    stock.forEach(inventory::setStock);
    return inventory;
  }

  /** A store and an inventory on emptied tables. */
  public Stores freshStores() {
    clear();
    return new Stores(JdbcOrderStore.create(config()), JdbcInventoryService.create(config()));
  }

  /**
   * Runs statements on one connection with the foreign keys unchecked: a hand edit that the schema
   * would refuse (a payment whose order is gone), as a careless script with checks off can make.
   */
  public void executeWithoutForeignKeys(String... statements) {
    String off =
        switch (kind) {
          case POSTGRESQL -> "SET session_replication_role = replica";
          case MARIADB -> "SET FOREIGN_KEY_CHECKS = 0";
          case H2 -> "SET REFERENTIAL_INTEGRITY FALSE";
        };
    String on =
        switch (kind) {
          case POSTGRESQL -> "SET session_replication_role = DEFAULT";
          case MARIADB -> "SET FOREIGN_KEY_CHECKS = 1";
          case H2 -> "SET REFERENTIAL_INTEGRITY TRUE";
        };
    try (Connection c = pool.getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute(off);
      try {
        for (String statement : statements) {
          s.execute(statement);
        }
      } finally {
        s.execute(on);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(String.join("; ", statements) + " failed", e);
    }
  }

  /** The table prefix of this database's tables. */
  public String tablePrefix() {
    return tablePrefix;
  }

  /** The value of a one-row, one-column query. */
  public long queryLong(String sql, Object... parameters) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** Runs one statement with these parameters (a hand edit); returns the update count. */
  public int execute(String sql, Object... parameters) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }
}
