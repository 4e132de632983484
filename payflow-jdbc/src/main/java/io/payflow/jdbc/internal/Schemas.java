package io.payflow.jdbc.internal;

import io.payflow.jdbc.DatabaseVendor;
import io.payflow.jdbc.JdbcConfig;
import io.payflow.jdbc.JdbcStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the schema scripts shipped in the jar, applies a table prefix to them and runs them.
 *
 * <p>This class is threadsafe.
 */
public final class Schemas {

  /** The versioned scripts, oldest first. */
  static final List<String> SCRIPTS = List.of("V1__payflow.sql");

  private static final Logger log = LoggerFactory.getLogger(Schemas.class);

  private Schemas() {}

  /** The script {@code name} of {@code vendor} with {@code prefix} in place of {@code payflow_}. */
  public static String script(DatabaseVendor vendor, String name, String prefix) {
    String path = vendor.scriptFolder() + "/" + name;
    try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no schema script " + path + " in payflow-jdbc");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.replace(JdbcConfig.DEFAULT_TABLE_PREFIX, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The statements of a script: split at each {@code ;} that ends a line, comments dropped. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  /**
   * Creates payflow's tables unless they exist. Returns whether it created them.
   *
   * @throws JdbcStoreException if the database refused a statement
   */
  public static boolean initialize(JdbcConfig config) {
    Objects.requireNonNull(config, "config");
    try {
      Connection c = config.connections().connection();
      try {
        DatabaseVendor vendor =
            config.vendor() != null ? config.vendor() : DatabaseVendor.of(c.getMetaData());
        if (tableExists(c.getMetaData(), config.tablePrefix() + "orders")) {
          return false;
        }
        boolean joined = config.connections().joinsHostTransaction(c);
        for (String name : SCRIPTS) {
          for (String statement : statements(script(vendor, name, config.tablePrefix()))) {
            try (Statement s = c.createStatement()) {
              s.execute(statement);
            }
          }
        }
        if (!joined && !c.getAutoCommit()) {
          c.commit();
        }
        log.info(
            "payflow-jdbc created its tables ({}*) on {}", config.tablePrefix(), vendor.name());
        return true;
      } finally {
        config.connections().release(c);
      }
    } catch (SQLException e) {
      throw new JdbcStoreException("creating payflow's tables", e);
    }
  }

  private static boolean tableExists(DatabaseMetaData metaData, String table) throws SQLException {
    for (String name :
        List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
      try (ResultSet rs =
          metaData.getTables(
              metaData.getConnection().getCatalog(),
              metaData.getConnection().getSchema(),
              name,
              new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
