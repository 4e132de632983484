package com.example.shop;

import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.contract.OrderStoreContract;

/**
 * A host runs payflow's {@link OrderStoreContract} against its own store by extending it and saying
 * how to make one; JUnit then runs the whole kit. Here the in-memory store stands in for the shop's
 * own (a store on a shared database truncates its tables in {@code createStore()}).
 */
class HostOrderStoreTest extends OrderStoreContract {

  @Override
  protected OrderStore createStore() {
    return new InMemoryOrderStore();
  }
}
