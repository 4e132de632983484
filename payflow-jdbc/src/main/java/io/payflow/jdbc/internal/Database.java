package io.payflow.jdbc.internal;

import io.payflow.jdbc.DatabaseVendor;
import io.payflow.jdbc.JdbcConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What the JDBC store and inventory share: the tables, the transactor and the dialect, detected
 * from the first connection unless the config names the vendor.
 *
 * <p>This class is threadsafe.
 */
final class Database {

  private final JdbcConfig config;
  private final Tables tables;
  private final Transactor transactor;
  private volatile @Nullable Dialect dialect;

  Database(JdbcConfig config) {
    this.config = config;
    this.tables = Tables.withPrefix(config.tablePrefix());
    this.transactor = new Transactor(config.connections());
  }

  Tables tables() {
    return tables;
  }

  Transactor tx() {
    return transactor;
  }

  Clock clock() {
    return config.clock();
  }

  /** The dialect, detected from {@code c} on first use. */
  Dialect dialect(Connection c) throws SQLException {
    Dialect d = dialect;
    if (d == null) {
      DatabaseVendor vendor =
          config.vendor() != null ? config.vendor() : DatabaseVendor.of(c.getMetaData());
      d = Dialect.of(vendor, c.getMetaData());
      dialect = d;
    }
    return d;
  }
}
