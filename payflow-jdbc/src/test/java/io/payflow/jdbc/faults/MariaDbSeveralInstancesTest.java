package io.payflow.jdbc.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.jdbc.JdbcTestDatabase;
import io.payflow.jdbc.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Four instances over one MariaDB: see {@link SeveralInstancesScenario}. */
class MariaDbSeveralInstancesTest {

  @RegisterExtension static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.MARIADB);

  @Test
  void fourInstancesWithCrashesAndDuplicateCallbacksKeepEveryInvariantAndClaimEachItemOnce()
      throws InterruptedException {
    SeveralInstancesScenario.Figures f = new SeveralInstancesScenario(db).run(7);

    System.out.printf(
        "payflow several instances on MariaDB: %d orders on %d instances, duplicate callbacks %d,"
            + " crashes %d, claims checked %d due items + %d effects, double claims %d,"
            + " invariant violations %d%n",
        f.orders(),
        SeveralInstancesScenario.INSTANCES,
        f.duplicateCallbacks(),
        f.crashes(),
        f.dueWorkClaims(),
        f.effectClaims(),
        f.doubleClaims().size(),
        f.violations().size());
    assertThat(f.orders()).isEqualTo(SeveralInstancesScenario.ORDERS);
    assertThat(f.violations()).isEmpty();
    assertThat(f.doubleClaims()).isEmpty();
    assertThat(f.crashes()).isPositive();
    assertThat(f.duplicateCallbacks()).isPositive();
    assertThat(f.dueWorkClaims()).isPositive();
    assertThat(f.effectClaims()).isPositive();
  }
}
