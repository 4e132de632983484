package io.payflow.jdbc.contract;

import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.contract.OrderStoreContract;
import io.payflow.jdbc.JdbcTestDatabase;
import io.payflow.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2OrderStoreTest extends OrderStoreContract {

  @RegisterExtension
  static final JdbcTestDatabase db = JdbcTestDatabase.on(TestDatabase.H2, "shop_pf_");

  @Override
  protected OrderStore createStore() {
    return db.freshStore();
  }
}
