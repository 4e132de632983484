package io.payflow.jdbc;

import io.payflow.core.spi.OrderStore;
import io.payflow.jdbc.internal.JdbcOrderStoreImpl;
import javax.sql.DataSource;

/**
 * The {@link OrderStore} on plain JDBC, for PostgreSQL, MySQL 8 / MariaDB 10.6+ and H2: orders with
 * their lines, payments, refunds, the effects outbox and the flow trace in the tables of {@link
 * JdbcSchema}.
 *
 * <p>Every call is one database transaction (or joins the host's, see {@link ConnectionProvider}):
 * an insert or update writes the order, its payments and refunds, its effects and its trace all or
 * nothing; an update is a compare-and-set on the order's version column ({@code UPDATE ... WHERE
 * version = ?}), so several application instances can share the database. Effects and time-driven
 * work are claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED} inside a transaction (a
 * conditional update per item on H2), and every claim is backed by an index: a sweep costs its
 * batch, not the table. Times are kept to the microsecond (finer parts are dropped). A row edited
 * by hand into a state payflow never writes is reported with its order number in a {@link
 * CorruptDataException}; a database failure is a {@link JdbcStoreException}.
 *
 * <p>This type is threadsafe.
 */
public interface JdbcOrderStore extends OrderStore {

  /** A store on {@code dataSource}, default table prefix, vendor detected. */
  static JdbcOrderStore create(DataSource dataSource) {
    return create(JdbcConfig.of(dataSource));
  }

  /** A store as {@code config} says. The tables must exist ({@link JdbcSchema#initialize}). */
  static JdbcOrderStore create(JdbcConfig config) {
    return new JdbcOrderStoreImpl(config);
  }
}
