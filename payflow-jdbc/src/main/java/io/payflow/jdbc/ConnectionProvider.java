package io.payflow.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where payflow-jdbc gets its connections, and whether a connection is already inside a transaction
 * that the host manages.
 *
 * <p>payflow-jdbc asks for one connection per store call. If {@link #joinsHostTransaction} says the
 * connection is in the host's transaction, payflow's statements join it: it never commits, rolls
 * back or changes the auto-commit mode of that connection, and the host's commit or rollback makes
 * the order, its stock reservation, its effects and its trace one atomic unit with the host's own
 * writes. Otherwise payflow runs the call in a transaction of its own and commits it before
 * returning.
 *
 * <p>A Spring host wraps its {@code DataSource} in Spring's {@code TransactionAwareDataSourceProxy}
 * and passes the proxy to {@link #of(DataSource)}: inside a {@code @Transactional} method the proxy
 * hands out the transaction's connection (auto-commit off, so it is joined), outside one a fresh
 * connection from the pool (auto-commit on, so payflow commits itself). payflow-jdbc does not
 * depend on Spring for this.
 *
 * <p>Implementations are threadsafe.
 */
public interface ConnectionProvider {

  /** A connection for one store call; {@link #release} is called when the call is done. */
  Connection connection() throws SQLException;

  /**
   * Whether {@code connection} is inside a transaction that the host will commit or roll back. By
   * default: whether its auto-commit is off, which is how a transaction manager hands out the
   * connection of a running transaction.
   */
  default boolean joinsHostTransaction(Connection connection) throws SQLException {
    return !connection.getAutoCommit();
  }

  /**
   * Gives the connection back (to the pool, or to the host's transaction). Closes it by default.
   */
  default void release(Connection connection) throws SQLException {
    connection.close();
  }

  /**
   * Connections from {@code dataSource}; one whose auto-commit is off is taken to be in the host's
   * transaction and joined. Use {@link #ownTransactions} for a pool that hands out connections with
   * auto-commit off by default.
   */
  static ConnectionProvider of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return dataSource::getConnection;
  }

  /**
   * Connections from {@code dataSource}, each always used in a transaction of payflow's own, which
   * payflow commits: for a pool configured with auto-commit off, when no host transaction is ever
   * to be joined.
   */
  static ConnectionProvider ownTransactions(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new ConnectionProvider() {
      @Override
      public Connection connection() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public boolean joinsHostTransaction(Connection connection) {
        return false;
      }
    };
  }
}
