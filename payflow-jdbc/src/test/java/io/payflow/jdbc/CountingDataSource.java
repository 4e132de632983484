package io.payflow.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what payflow sends to the database: statements executed (a batch
 * counts once, its rows in {@link #batchedRows}), of which reads, commits and rollbacks, and the
 * statements run in auto-commit mode (each its own transaction). Threadsafe.
 */
final class CountingDataSource implements DataSource {

  final AtomicLong statements = new AtomicLong();
  final AtomicLong reads = new AtomicLong();
  final AtomicLong batchedRows = new AtomicLong();
  final AtomicLong autoCommitStatements = new AtomicLong();
  final AtomicLong commits = new AtomicLong();
  final AtomicLong rollbacks = new AtomicLong();
  final AtomicLong connections = new AtomicLong();

  private final DataSource target;

  /** A SELECT as sent, with its parameters by index. */
  record Captured(String sql, java.util.Map<Integer, Object> parameters) {}

  /** Every SELECT with its parameters, when not null. */
  volatile java.util.List<Captured> selects;

  /** Every statement's SQL and every commit, in order, when not null. */
  volatile java.util.List<String> log;

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  void reset() {
    for (AtomicLong counter :
        new AtomicLong[] {
          statements, reads, batchedRows, autoCommitStatements, commits, rollbacks, connections
        }) {
      counter.set(0);
    }
  }

  /** Transactions: commits, plus statements that wrote in auto-commit mode. */
  long transactions() {
    return commits.get() + autoCommitWrites.get();
  }

  final AtomicLong autoCommitWrites = new AtomicLong();

  @Override
  public Connection getConnection() throws SQLException {
    connections.incrementAndGet();
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    connections.incrementAndGet();
    return wrap(target.getConnection(username, password));
  }

  private Connection wrap(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new ConnectionHandler(connection));
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final Connection connection;

    ConnectionHandler(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "commit" -> {
          commits.incrementAndGet();
          if (log != null) {
            log.add("COMMIT");
          }
        }
        case "rollback" -> {
          if (args == null || args.length == 0) {
            rollbacks.incrementAndGet();
          }
        }
        default -> {}
      }
      Object result = call(connection, method, args);
      if (result instanceof Statement statement
          && method.getName().startsWith("prepare")
          && args != null
          && args.length > 0
          && args[0] instanceof String sql) {
        return Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            statementInterfaces(statement),
            new StatementHandler(statement, connection, sql));
      }
      if (result instanceof Statement statement) {
        return Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            statementInterfaces(statement),
            new StatementHandler(statement, connection, null));
      }
      return result;
    }
  }

  private static Class<?>[] statementInterfaces(Statement statement) {
    if (statement instanceof java.sql.CallableStatement) {
      return new Class<?>[] {java.sql.CallableStatement.class};
    }
    if (statement instanceof java.sql.PreparedStatement) {
      return new Class<?>[] {java.sql.PreparedStatement.class};
    }
    return new Class<?>[] {Statement.class};
  }

  private final class StatementHandler implements InvocationHandler {
    private final Statement statement;
    private final Connection connection;
    private final String preparedSql;
    private int batch;
    private final java.util.Map<Integer, Object> parameters = new java.util.TreeMap<>();

    StatementHandler(Statement statement, Connection connection, String preparedSql) {
      this.statement = statement;
      this.connection = connection;
      this.preparedSql = preparedSql;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.startsWith("set")
          && args != null
          && args.length >= 2
          && args[0] instanceof Integer index) {
        parameters.put(index, name.equals("setNull") ? null : args[1]);
      }
      if (name.equals("addBatch")) {
        batch++;
      } else if (name.startsWith("execute")) {
        String sql =
            preparedSql != null ? preparedSql : args != null && args.length > 0 ? "" + args[0] : "";
        statements.incrementAndGet();
        if (log != null) {
          log.add((connection.getAutoCommit() ? "[auto] " : "") + sql.replaceAll("\\s+", " "));
        }
        boolean read = sql.strip().toUpperCase(Locale.ROOT).startsWith("SELECT");
        if (read) {
          reads.incrementAndGet();
          java.util.List<Captured> capture = selects;
          if (capture != null) {
            capture.add(new Captured(sql, new java.util.TreeMap<>(parameters)));
          }
        }
        if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
          batchedRows.addAndGet(batch);
          batch = 0;
        }
        if (connection.getAutoCommit()) {
          autoCommitStatements.incrementAndGet();
          if (!read) {
            autoCommitWrites.incrementAndGet();
          }
        }
      }
      return call(statement, method, args);
    }
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
