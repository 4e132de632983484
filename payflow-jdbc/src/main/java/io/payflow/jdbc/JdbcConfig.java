package io.payflow.jdbc;

import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * How payflow-jdbc reaches its tables: where connections come from, the prefix of every table and
 * index name, the database vendor (detected from the first connection when null) and the clock for
 * the times it stamps by itself (stock reservations). Immutable; start from {@link #of(DataSource)}
 * and change one setting at a time with the {@code with...} methods.
 *
 * @param connections where connections come from and whether they join the host's transaction
 * @param tablePrefix prepended to every table and index name: letters, digits and {@code _},
 *     starting with a letter, at most {@value #MAX_TABLE_PREFIX_LENGTH} characters; {@value
 *     #DEFAULT_TABLE_PREFIX} by default
 * @param vendor the database, or null to detect it
 * @param clock the clock for reservation times; the system UTC clock by default
 */
public record JdbcConfig(
    ConnectionProvider connections,
    String tablePrefix,
    @Nullable DatabaseVendor vendor,
    Clock clock) {

  /** The table prefix unless another is set: {@code payflow_orders}, {@code payflow_payments}, … */
  public static final String DEFAULT_TABLE_PREFIX = "payflow_";

  /** The longest table prefix: the longest name it leads must fit every database's limit. */
  public static final int MAX_TABLE_PREFIX_LENGTH = 24;

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  public JdbcConfig {
    Objects.requireNonNull(connections, "connections");
    checkTablePrefix(tablePrefix);
    Objects.requireNonNull(clock, "clock");
  }

  static void checkTablePrefix(String tablePrefix) {
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    if (!PREFIX.matcher(tablePrefix).matches() || tablePrefix.length() > MAX_TABLE_PREFIX_LENGTH) {
      throw new IllegalArgumentException(
          "tablePrefix must be letters, digits and _, start with a letter and have at most "
              + MAX_TABLE_PREFIX_LENGTH
              + " characters, was '"
              + tablePrefix
              + "'");
    }
  }

  /**
   * Connections from {@code dataSource} (joining the host's transaction when there is one, see
   * {@link ConnectionProvider#of}), the default table prefix, the vendor detected.
   */
  public static JdbcConfig of(DataSource dataSource) {
    return of(ConnectionProvider.of(dataSource));
  }

  /** Connections from {@code connections}, the default table prefix, the vendor detected. */
  public static JdbcConfig of(ConnectionProvider connections) {
    return new JdbcConfig(connections, DEFAULT_TABLE_PREFIX, null, Clock.systemUTC());
  }

  /** A copy with another table prefix. */
  public JdbcConfig withTablePrefix(String value) {
    return new JdbcConfig(connections, value, vendor, clock);
  }

  /** A copy for this vendor, instead of detecting it. */
  public JdbcConfig withVendor(DatabaseVendor value) {
    return new JdbcConfig(connections, tablePrefix, Objects.requireNonNull(value, "vendor"), clock);
  }

  /** A copy with another clock. */
  public JdbcConfig withClock(Clock value) {
    return new JdbcConfig(connections, tablePrefix, vendor, value);
  }

  /** A copy with another connection provider. */
  public JdbcConfig withConnections(ConnectionProvider value) {
    return new JdbcConfig(value, tablePrefix, vendor, clock);
  }
}
