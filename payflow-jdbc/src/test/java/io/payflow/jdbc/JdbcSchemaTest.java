package io.payflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcSchemaTest {

  @ParameterizedTest
  @EnumSource(DatabaseVendor.class)
  void eachVendorShipsAVersionedScriptUnderTheDefaultPrefix(DatabaseVendor vendor)
      throws Exception {
    // when
    String path = vendor.scriptFolder() + "/" + JdbcSchema.V1;
    String script;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    // then it creates every table under payflow_, with microsecond times and BIGINT fen
    for (String table :
        new String[] {
          "orders",
          "order_lines",
          "payments",
          "refunds",
          "effects",
          "trace",
          "stock",
          "reservations",
          "reservation_lines",
          "schema_version"
        }) {
      assertThat(script).contains("CREATE TABLE IF NOT EXISTS payflow_" + table + " (");
    }
    assertThat(script).contains("(6)").doesNotContain("DOUBLE").doesNotContain("FLOAT");
    assertThat(script).contains("lease_token").contains("lease_until");
  }

  @Test
  void theMysqlScriptIsUtf8mb4WithExactComparison() {
    String script = JdbcSchema.script(DatabaseVendor.MYSQL, JdbcSchema.V1, "payflow_");
    assertThat(script.split("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", -1))
        .hasSize(11);
  }

  @Test
  void aScriptWithAnotherPrefixNamesEveryTableAndIndexWithIt() {
    // when
    String script = JdbcSchema.script(DatabaseVendor.POSTGRESQL, JdbcSchema.V1, "shop_");

    // then
    assertThat(script)
        .contains("CREATE TABLE IF NOT EXISTS shop_orders (")
        .contains("shop_effects_due_idx")
        .contains("REFERENCES shop_orders")
        .doesNotContain("payflow_");
  }

  @Test
  void aPrefixThatIsNotAPlainIdentifierIsRefused() {
    assertThatThrownBy(() -> JdbcSchema.script(DatabaseVendor.H2, JdbcSchema.V1, "x; DROP TABLE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tablePrefix");
    assertThatThrownBy(() -> JdbcSchema.script(DatabaseVendor.H2, JdbcSchema.V1, "1abc_"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void initializeCreatesTheTablesOnceAndThenLeavesThemAlone() throws Exception {
    // given an empty database
    TestDatabase.Coordinates at = TestDatabase.H2.createDatabase();
    try (HikariDataSource pool = TestDatabase.pool(at, 2)) {
      // when
      boolean first = JdbcSchema.initialize(pool);
      JdbcInventoryService.create(pool).setStock("SKU-1", 5);
      boolean second = JdbcSchema.initialize(pool);

      // then the second call found the tables and changed nothing
      assertThat(first).isTrue();
      assertThat(second).isFalse();
      assertThat(JdbcInventoryService.create(pool).stock("SKU-1").available()).isEqualTo(5);
    }
  }

  @Test
  void theVendorIsDetectedFromTheDatabase() throws Exception {
    TestDatabase.Coordinates at = TestDatabase.H2.createDatabase();
    try (HikariDataSource pool = TestDatabase.pool(at, 1);
        var c = pool.getConnection()) {
      assertThat(DatabaseVendor.of(c.getMetaData())).isEqualTo(DatabaseVendor.H2);
    }
  }
}
