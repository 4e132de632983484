package io.payflow.benchmarks;

import com.alibaba.cola.statemachine.StateMachine;
import com.alibaba.cola.statemachine.builder.StateMachineBuilder;
import com.alibaba.cola.statemachine.builder.StateMachineBuilderFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lifecycle on COLA statemachine 5, as its users run it: one stateless machine for all orders,
 * each order's state in a map, read before and written after each event. The actions do the same
 * work as payflow's effects. Threadsafe.
 */
final class ColaShop extends PeerShop {

  private static final AtomicInteger MACHINES = new AtomicInteger();

  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final StateMachine<State, Event, String> machine;

  ColaShop() {
    StateMachineBuilder<State, Event, String> builder = StateMachineBuilderFactory.create();
    builder
        .externalTransition()
        .from(State.PENDING_PAYMENT)
        .to(State.PAYING)
        .on(Event.START_PAYMENT)
        .when(orderNo -> true)
        .perform((from, to, event, orderNo) -> prepay(orderNo));
    builder
        .externalTransition()
        .from(State.PAYING)
        .to(State.PAID)
        .on(Event.PAY_SUCCEEDED)
        .when(orderNo -> true)
        .perform((from, to, event, orderNo) -> paid(orderNo));
    builder
        .externalTransition()
        .from(State.PAID)
        .to(State.FULFILLING)
        .on(Event.START_FULFILMENT)
        .when(orderNo -> true)
        .perform((from, to, event, orderNo) -> fulfil(orderNo));
    // COLA registers machines by id in a global factory: one id per shop.
    machine = builder.build("payflow-benchmark-order-" + MACHINES.incrementAndGet());
  }

  @Override
  State lifecycle() {
    String orderNo = reserve();
    states.put(orderNo, State.PENDING_PAYMENT);
    fire(orderNo, Event.START_PAYMENT);
    fire(orderNo, Event.PAY_SUCCEEDED);
    return fire(orderNo, Event.START_FULFILMENT);
  }

  private State fire(String orderNo, Event event) {
    State from = states.get(orderNo);
    State to = machine.fireEvent(from, event, orderNo);
    if (to == from) {
      throw new IllegalStateException(event + " not accepted for " + orderNo + " in " + from);
    }
    states.put(orderNo, to);
    return to;
  }

  int stored() {
    return states.size();
  }
}
