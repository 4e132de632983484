package io.payflow.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * An embedded PostgreSQL for one fork, with a fresh database per use behind a small HikariCP pool,
 * its statements and transactions counted. Closed with the fork. Not threadsafe to open or close;
 * the data source is.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final HikariDataSource pool;
  final CountingDataSource counted;

  EmbeddedDatabase(String name) {
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(postgres.getDatabase("postgres", name));
    config.setMaximumPoolSize(4);
    config.setPoolName("payflow-bench-" + name);
    pool = new HikariDataSource(config);
    counted = new CountingDataSource(pool);
  }

  DataSource dataSource() {
    return counted;
  }

  @Override
  public void close() {
    pool.close();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
