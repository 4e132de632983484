package io.payflow.core.memory;

import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.contract.OrderStoreContract;

/** The in-memory store passes the whole {@link OrderStoreContract}. */
class InMemoryOrderStoreTest extends OrderStoreContract {

  @Override
  protected OrderStore createStore() {
    return new InMemoryOrderStore();
  }
}
