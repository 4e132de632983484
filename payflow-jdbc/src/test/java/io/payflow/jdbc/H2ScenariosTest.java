package io.payflow.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2ScenariosTest extends DatabaseScenarios {

  @RegisterExtension static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.H2);

  @Override
  JdbcTestDatabase db() {
    return db;
  }
}
