package io.payflow.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A host's transaction manager in miniature, as Spring's {@code DataSourceTransactionManager} with
 * a {@code TransactionAwareDataSourceProxy} behaves: {@link #begin()} binds a connection with
 * auto-commit off to the thread; payflow on that thread gets it (and is told it joins the host's
 * transaction); every other thread gets a pool connection. Releasing the bound connection leaves it
 * open, as the proxy's {@code close()} does.
 */
final class HostTransactions implements ConnectionProvider {

  private final DataSource dataSource;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  HostTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void begin() throws SQLException {
    Connection c = dataSource.getConnection();
    c.setAutoCommit(false);
    current.set(c);
  }

  void commit() throws SQLException {
    end(true);
  }

  void rollback() throws SQLException {
    end(false);
  }

  private void end(boolean commit) throws SQLException {
    Connection c = current.get();
    current.remove();
    try {
      if (commit) {
        c.commit();
      } else {
        c.rollback();
      }
      c.setAutoCommit(true);
    } finally {
      c.close();
    }
  }

  /** The host's own write, in its transaction. */
  int execute(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = current.get().prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      return ps.executeUpdate();
    }
  }

  @Override
  public Connection connection() throws SQLException {
    Connection bound = current.get();
    return bound != null ? bound : dataSource.getConnection();
  }

  @Override
  public void release(Connection connection) throws SQLException {
    if (connection != current.get()) {
      connection.close();
    }
  }
}
