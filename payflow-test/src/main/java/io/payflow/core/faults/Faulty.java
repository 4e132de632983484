package io.payflow.core.faults;

import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Wraps an SPI implementation in a dynamic proxy that injects the faults of a {@link FaultPlan} and
 * dies with its {@link Node}. A proxy, not a hand-written wrapper, so that it follows the SPI
 * through changes of its methods. Threadsafe.
 */
final class Faulty {

  /** Sees each call that went through (for ledgers that must know what was recorded). */
  @FunctionalInterface
  interface Observer {
    void after(Method method, @Nullable Object[] args, @Nullable Object result, boolean faulted);
  }

  private Faulty() {}

  static <T> T wrap(
      Class<T> type,
      T target,
      Node node,
      FaultPlan plan,
      Function<Method, @Nullable Boundary> boundaryOf,
      @Nullable Observer observer) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> type.getSimpleName() + " of " + node;
            };
          }
          if (node.dead) {
            throw new InjectedCrash(node + " is gone; it called " + method.getName());
          }
          Boundary boundary = boundaryOf.apply(method);
          FaultKind fault = null;
          if (boundary != null) {
            String key = keyOf(args);
            plan.hook().before(boundary, node.slot, key);
            fault = plan.decide(boundary, node.slot, key);
          }
          if (fault != null && fault.before()) {
            throw inject(node, boundary, fault, method);
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (observer != null) {
            observer.after(method, args, result, fault != null);
          }
          if (fault != null) {
            throw inject(node, boundary, fault, method);
          }
          return result;
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Throwable inject(Node node, Boundary boundary, FaultKind fault, Method method) {
    String what = fault + " at " + boundary + " (" + method.getName() + ") on " + node;
    if (fault.crash()) {
      node.kill();
      return new InjectedCrash(what);
    }
    if (boundary.isChannel() && boundary != Boundary.CHANNEL_PARSE_CALLBACK) {
      // what a channel call that timed out looks like to payflow
      return new ChannelException(ChannelErrorKind.UNKNOWN_OUTCOME, "INJECTED", what);
    }
    return new InjectedFault(what);
  }

  /** A short key of the call: its order, payment, refund or effect, for the fault log. */
  static String keyOf(@Nullable Object[] args) {
    if (args == null || args.length == 0) {
      return "";
    }
    Object first = args[0];
    if (first instanceof String s) {
      return s;
    }
    if (first == null) {
      return "";
    }
    for (String accessor : new String[] {"idempotencyKey", "orderNo", "paymentNo", "refundNo"}) {
      try {
        Object value = first.getClass().getMethod(accessor).invoke(first);
        if (value != null) {
          return value.toString();
        }
      } catch (ReflectiveOperationException e) {
        // not this accessor
      }
    }
    try {
      Object order = first.getClass().getMethod("order").invoke(first);
      return String.valueOf(order.getClass().getMethod("orderNo").invoke(order));
    } catch (ReflectiveOperationException e) {
      return first.getClass().getSimpleName();
    }
  }
}
