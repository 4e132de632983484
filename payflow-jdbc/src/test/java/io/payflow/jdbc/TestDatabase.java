package io.payflow.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The databases the tests run on: embedded PostgreSQL, embedded MariaDB (the MySQL scripts and SQL)
 * and H2 in memory. Each {@link #createDatabase} makes a new, empty database on the server started
 * once per test JVM ({@link EmbeddedServers}).
 */
public enum TestDatabase {
  POSTGRESQL(DatabaseVendor.POSTGRESQL),
  MARIADB(DatabaseVendor.MYSQL),
  H2(DatabaseVendor.H2);

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final DatabaseVendor vendor;

  TestDatabase(DatabaseVendor vendor) {
    this.vendor = vendor;
  }

  /** The vendor whose scripts and SQL this database runs. */
  public DatabaseVendor vendor() {
    return vendor;
  }

  /** Creates a new empty database and returns the JDBC URL, user and password of it. */
  Coordinates createDatabase() {
    String name =
        "payflow_"
            + name().toLowerCase(Locale.ROOT)
            + "_"
            + ProcessHandle.current().pid()
            + "_"
            + COUNTER.incrementAndGet();
    return switch (this) {
      case POSTGRESQL -> {
        var pg = EmbeddedServers.postgres();
        run(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
        yield new Coordinates(pg.getJdbcUrl("postgres", name), "postgres", "postgres");
      }
      case MARIADB -> {
        HikariDataSource admin =
            pool(new Coordinates(EmbeddedServers.mariaDbUrl(""), "root", ""), 1);
        try (admin) {
          run(admin, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        yield new Coordinates(EmbeddedServers.mariaDbUrl(name), "root", "");
      }
      case H2 -> new Coordinates("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    };
  }

  /** A pool of at most {@code size} connections to a database. */
  static HikariDataSource pool(Coordinates at, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(at.url());
    config.setUsername(at.user());
    config.setPassword(at.password());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setPoolName("payflow-test-" + at.url().replaceAll("[^A-Za-z0-9]+", "-"));
    return new HikariDataSource(config);
  }

  private static void run(javax.sql.DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** Where a database is. */
  record Coordinates(String url, String user, String password) {}
}
