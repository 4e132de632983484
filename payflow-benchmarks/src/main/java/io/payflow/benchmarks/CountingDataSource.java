package io.payflow.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts what its callers send: statements executed (each batched statement
 * counts as one) and transactions committed (a commit, or a statement run in auto-commit mode).
 * Threadsafe.
 */
final class CountingDataSource implements DataSource {

  final LongAdder statements = new LongAdder();
  final LongAdder transactions = new LongAdder();
  private final DataSource target;

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(target.getConnection(username, password));
  }

  private Connection wrap(Connection connection) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result = invoke(connection, method, args);
          if (method.getName().equals("commit")) {
            transactions.increment();
          }
          if (result instanceof Statement statement) {
            return wrap(statement, connection);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Statement wrap(Statement statement, Connection connection) {
    Class<?>[] types =
        statement instanceof java.sql.CallableStatement
            ? new Class<?>[] {java.sql.CallableStatement.class}
            : statement instanceof java.sql.PreparedStatement
                ? new Class<?>[] {java.sql.PreparedStatement.class}
                : new Class<?>[] {Statement.class};
    int[] batched = {0};
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("addBatch")) {
            batched[0]++;
          }
          Object result = invoke(statement, method, args);
          if (name.equals("executeBatch")) {
            statements.add(batched[0]);
            batched[0] = 0;
            autoCommitted(connection);
          } else if (name.startsWith("execute")) {
            statements.increment();
            autoCommitted(connection);
          }
          return result;
        };
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), types, handler);
  }

  private void autoCommitted(Connection connection) throws SQLException {
    if (connection.getAutoCommit()) {
      transactions.increment();
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
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
