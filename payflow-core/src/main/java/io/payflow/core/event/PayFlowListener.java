package io.payflow.core.event;

/**
 * Receives payflow's events. A listener that throws is logged and ignored: it never breaks a
 * transition. Listeners are called on the thread that made the transition; hand slow work off.
 */
@FunctionalInterface
public interface PayFlowListener {

  void onEvent(PayFlowEvent event);
}
