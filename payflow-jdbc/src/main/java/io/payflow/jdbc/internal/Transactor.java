package io.payflow.jdbc.internal;

import io.payflow.jdbc.ConnectionProvider;
import io.payflow.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one store call on one connection: in a transaction of payflow's own, committed before it
 * returns, or inside the host's transaction when the {@link ConnectionProvider} says the connection
 * is in one. Inside the host's transaction it never commits, rolls back the whole transaction or
 * changes the auto-commit mode; a write that fails half-way is undone to a savepoint, so the host
 * can still commit its own work. A deadlock or serialization failure in payflow's own transaction
 * is retried a few times, as nothing of it remains.
 *
 * <p>This class is threadsafe.
 */
final class Transactor {

  /** One unit of work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection, boolean joined) throws SQLException;
  }

  private static final Logger log = LoggerFactory.getLogger(Transactor.class);
  private static final int ATTEMPTS = 4;

  private final ConnectionProvider connections;

  Transactor(ConnectionProvider connections) {
    this.connections = connections;
  }

  /** Runs {@code work} all or nothing: in payflow's own transaction, or in the host's. */
  <T> T write(String operation, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return writeOnce(work);
      } catch (SQLException e) {
        if (e instanceof JoinedFailure joined) {
          throw new JdbcStoreException(operation, joined.sqlCause());
        }
        if (Dialect.isTransient(e) && attempt < ATTEMPTS) {
          log.debug("{}: retrying after a transient failure ({})", operation, e.getSQLState());
          continue;
        }
        throw new JdbcStoreException(operation, e);
      }
    }
  }

  /**
   * Runs one statement that is atomic by itself: without a transaction of its own (one round trip
   * less), or in the host's transaction.
   */
  <T> T statement(String operation, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        Connection c = connections.connection();
        try {
          if (connections.joinsHostTransaction(c)) {
            return inHostTransaction(c, work);
          }
          if (c.getAutoCommit()) {
            return work.run(c, false);
          }
          try {
            T result = work.run(c, false);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException | Error e) {
            rollback(c, e);
            throw e;
          }
        } finally {
          connections.release(c);
        }
      } catch (SQLException e) {
        if (e instanceof JoinedFailure joined) {
          throw new JdbcStoreException(operation, joined.sqlCause());
        }
        if (Dialect.isTransient(e) && attempt < ATTEMPTS) {
          continue;
        }
        throw new JdbcStoreException(operation, e);
      }
    }
  }

  /**
   * Runs reads that need no transaction of their own: in the host's transaction if there is one,
   * else each statement on its own (auto-commit).
   */
  <T> T read(String operation, Work<T> work) {
    try {
      Connection c = connections.connection();
      try {
        return work.run(c, connections.joinsHostTransaction(c));
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  private <T> T writeOnce(Work<T> work) throws SQLException {
    Connection c = connections.connection();
    try {
      if (connections.joinsHostTransaction(c)) {
        return inHostTransaction(c, work);
      }
      boolean autoCommit = c.getAutoCommit();
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      try {
        T result = work.run(c, false);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      } finally {
        if (autoCommit) {
          c.setAutoCommit(true);
        }
      }
    } finally {
      connections.release(c);
    }
  }

  private static <T> T inHostTransaction(Connection c, Work<T> work) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try {
      T result = work.run(c, true);
      c.releaseSavepoint(savepoint);
      return result;
    } catch (SQLException e) {
      undo(c, savepoint, e);
      // not retried: a deadlock may have rolled back the host's whole transaction
      throw new JoinedFailure(e);
    } catch (RuntimeException | Error e) {
      undo(c, savepoint, e);
      throw e;
    }
  }

  private static void undo(Connection c, Savepoint savepoint, Throwable failure) {
    try {
      c.rollback(savepoint);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void rollback(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** A failure inside the host's transaction, which must not be retried. */
  private static final class JoinedFailure extends SQLException {
    private static final long serialVersionUID = 1L;

    JoinedFailure(SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    }

    SQLException sqlCause() {
      return (SQLException) getCause();
    }
  }
}
