package io.payflow.jdbc;

import io.payflow.jdbc.internal.Schemas;
import javax.sql.DataSource;

/**
 * payflow-jdbc's tables, as versioned SQL scripts shipped in the jar under {@code
 * META-INF/payflow/db/{postgresql,mysql,h2}/V1__payflow.sql} (MariaDB uses {@code mysql}).
 *
 * <p>A host that manages its schema with Flyway or Liquibase adds the folder of its database to
 * their locations (the scripts use the default prefix {@code payflow_}; {@link #script} gives one
 * with another prefix to copy into the host's own migrations). A host that does not can call {@link
 * #initialize}, which creates the tables if they are missing and does nothing if they exist.
 *
 * <p>This class is threadsafe.
 */
public final class JdbcSchema {

  /** The name of the first schema script in each vendor's folder. */
  public static final String V1 = "V1__payflow.sql";

  private JdbcSchema() {}

  /**
   * Creates payflow's tables on {@code dataSource} with the default prefix unless they exist; the
   * vendor is detected. Opt-in: payflow never changes a schema unless asked.
   *
   * @return whether it created them
   * @throws JdbcStoreException if the database refused a statement
   */
  public static boolean initialize(DataSource dataSource) {
    return initialize(JdbcConfig.of(ConnectionProvider.ownTransactions(dataSource)));
  }

  /**
   * Creates payflow's tables as {@code config} says (prefix, vendor) unless they exist.
   *
   * @return whether it created them
   * @throws JdbcStoreException if the database refused a statement
   */
  public static boolean initialize(JdbcConfig config) {
    return Schemas.initialize(config);
  }

  /** The script {@code name} (e.g. {@link #V1}) of {@code vendor} with {@code tablePrefix}. */
  public static String script(DatabaseVendor vendor, String name, String tablePrefix) {
    JdbcConfig.checkTablePrefix(tablePrefix);
    return Schemas.script(vendor, name, tablePrefix);
  }
}
