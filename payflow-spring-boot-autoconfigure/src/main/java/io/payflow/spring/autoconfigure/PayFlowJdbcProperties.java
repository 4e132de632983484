package io.payflow.spring.autoconfigure;

import io.payflow.jdbc.JdbcConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payflow.jdbc.*}: the JDBC store and inventory of payflow-jdbc, used when payflow-jdbc is
 * on the classpath and the application has a {@code DataSource}. These only feed {@link
 * JdbcConfig}; it checks them.
 */
@ConfigurationProperties("payflow.jdbc")
public class PayFlowJdbcProperties {

  /**
   * Whether the JDBC store and inventory replace the in-memory ones when a DataSource is present.
   */
  private boolean enabled = true;

  /** When payflow creates its tables at startup if they are missing. */
  public enum SchemaInitialization {
    /** Only on an embedded database (H2), as Spring Boot's {@code spring.sql.init.mode}. */
    EMBEDDED,
    /** On any database. */
    ALWAYS,
    /** Never: hand the scripts in META-INF/payflow/db/{vendor}/ to Flyway or Liquibase. */
    NEVER
  }

  /**
   * When payflow creates its tables at startup if they are missing: on an embedded database only
   * (H2) by default; a PostgreSQL or MySQL schema is changed only with {@code always}.
   */
  private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

  /** The prefix of every payflow table and index name. */
  private String tablePrefix = JdbcConfig.DEFAULT_TABLE_PREFIX;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public SchemaInitialization getInitializeSchema() {
    return initializeSchema;
  }

  public void setInitializeSchema(SchemaInitialization initializeSchema) {
    this.initializeSchema = initializeSchema;
  }

  public String getTablePrefix() {
    return tablePrefix;
  }

  public void setTablePrefix(String tablePrefix) {
    this.tablePrefix = tablePrefix;
  }
}
