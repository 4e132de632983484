package io.payflow.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresScenariosTest extends DatabaseScenarios {

  @RegisterExtension
  static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.POSTGRESQL);

  @Override
  JdbcTestDatabase db() {
    return db;
  }
}
