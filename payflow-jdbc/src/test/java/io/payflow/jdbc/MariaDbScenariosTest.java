package io.payflow.jdbc;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** payflow end to end, in the host's transactions, and with hand-edited rows, on MARIADB. */
class MariaDbScenariosTest {

  @RegisterExtension static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.MARIADB);

  @Nested
  class EndToEnd extends DatabaseScenarios {
    @Override
    JdbcTestDatabase db() {
      return db;
    }
  }

  @Nested
  class InTheHostsTransaction extends HostTransactionScenarios {
    @Override
    JdbcTestDatabase db() {
      return db;
    }
  }

  @Nested
  class HandEditedRows extends CorruptDataScenarios {
    @Override
    JdbcTestDatabase db() {
      return db;
    }
  }
}
