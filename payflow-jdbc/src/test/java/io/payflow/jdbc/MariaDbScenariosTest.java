package io.payflow.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbScenariosTest extends DatabaseScenarios {

  @RegisterExtension static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.MARIADB);

  @Override
  JdbcTestDatabase db() {
    return db;
  }
}
