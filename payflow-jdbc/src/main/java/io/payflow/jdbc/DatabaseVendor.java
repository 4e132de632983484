package io.payflow.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases payflow-jdbc has a schema script and SQL for. MariaDB uses the MySQL ones.
 *
 * <p>This enum is threadsafe.
 */
public enum DatabaseVendor {
  /** PostgreSQL 12 or later. Claims with {@code FOR UPDATE SKIP LOCKED}. */
  POSTGRESQL("postgresql"),
  /**
   * MySQL 8.0 or later, or MariaDB 10.6 or later: claims with {@code FOR UPDATE SKIP LOCKED}. Older
   * servers work with a portable claim (a conditional update per item).
   */
  MYSQL("mysql"),
  /** H2 2.x, for demos and tests: a portable claim (a conditional update per item). */
  H2("h2");

  private final String folder;

  DatabaseVendor(String folder) {
    this.folder = folder;
  }

  /**
   * Where the versioned schema scripts of this vendor are in the jar, e.g. {@code
   * META-INF/payflow/db/postgresql}: {@code V1__payflow.sql} and later ones, for Flyway or
   * Liquibase.
   */
  public String scriptFolder() {
    return "META-INF/payflow/db/" + folder;
  }

  /**
   * The vendor of a database, from its metadata.
   *
   * @throws IllegalArgumentException if it is none of these
   */
  public static DatabaseVendor of(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName();
    String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mysql") || name.contains("mariadb")) {
      return MYSQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "payflow-jdbc supports PostgreSQL, MySQL, MariaDB and H2, not " + product);
  }
}
