package io.payflow.benchmarks;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineContext;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.StateMachinePersist;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.persist.DefaultStateMachinePersister;
import org.springframework.statemachine.persist.StateMachinePersister;
import reactor.core.publisher.Mono;

/**
 * The lifecycle on Spring Statemachine 4, as its users persist orders: a machine per order from a
 * {@link StateMachineFactory}, restored through a {@link StateMachinePersister} before each event
 * and persisted after it, here into an in-memory map (no database, so only the machinery counts).
 * The actions do the same work as payflow's effects. Threadsafe: a machine is used by one thread.
 */
final class SpringStatemachineShop extends PeerShop {

  private static final String ORDER_NO = "orderNo";

  private final Map<String, StateMachineContext<State, Event>> contexts = new ConcurrentHashMap<>();
  private final StateMachinePersister<State, Event, String> persister =
      new DefaultStateMachinePersister<>(
          new StateMachinePersist<State, Event, String>() {
            @Override
            public void write(StateMachineContext<State, Event> context, String orderNo) {
              contexts.put(orderNo, context);
            }

            @Override
            public StateMachineContext<State, Event> read(String orderNo) {
              return contexts.get(orderNo);
            }
          });
  private final StateMachineFactory<State, Event> factory;

  SpringStatemachineShop() {
    try {
      StateMachineBuilder.Builder<State, Event> builder = StateMachineBuilder.builder();
      builder.configureConfiguration().withConfiguration().autoStartup(false);
      builder
          .configureStates()
          .withStates()
          .initial(State.PENDING_PAYMENT)
          .states(EnumSet.allOf(State.class));
      builder
          .configureTransitions()
          .withExternal()
          .source(State.PENDING_PAYMENT)
          .target(State.PAYING)
          .event(Event.START_PAYMENT)
          .action(c -> prepay(orderNo(c.getMessage())))
          .and()
          .withExternal()
          .source(State.PAYING)
          .target(State.PAID)
          .event(Event.PAY_SUCCEEDED)
          .action(c -> paid(orderNo(c.getMessage())))
          .and()
          .withExternal()
          .source(State.PAID)
          .target(State.FULFILLING)
          .event(Event.START_FULFILMENT)
          .action(c -> fulfil(orderNo(c.getMessage())));
      factory = builder.createFactory();
    } catch (Exception e) {
      throw new IllegalStateException("Spring Statemachine configuration failed", e);
    }
  }

  private static String orderNo(Message<Event> message) {
    return (String) message.getHeaders().get(ORDER_NO);
  }

  @Override
  State lifecycle() {
    try {
      String orderNo = reserve();
      StateMachine<State, Event> machine = factory.getStateMachine(orderNo);
      machine.startReactively().block();
      persister.persist(machine, orderNo);
      send(machine, orderNo, Event.START_PAYMENT);
      send(machine, orderNo, Event.PAY_SUCCEEDED);
      send(machine, orderNo, Event.START_FULFILMENT);
      return contexts.get(orderNo).getState();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void send(StateMachine<State, Event> machine, String orderNo, Event event)
      throws Exception {
    persister.restore(machine, orderNo);
    StateMachineEventResult<State, Event> result =
        machine
            .sendEvent(
                Mono.just(MessageBuilder.withPayload(event).setHeader(ORDER_NO, orderNo).build()))
            .blockLast();
    if (result == null || result.getResultType() != StateMachineEventResult.ResultType.ACCEPTED) {
      throw new IllegalStateException(event + " not accepted for " + orderNo);
    }
    persister.persist(machine, orderNo);
  }

  int stored() {
    return contexts.size();
  }
}
