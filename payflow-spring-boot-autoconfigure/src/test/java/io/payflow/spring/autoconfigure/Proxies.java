package io.payflow.spring.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/** Host implementations of an SPI that are not payflow's own classes. */
final class Proxies {

  private Proxies() {}

  /** A host bean of {@code type} that forwards every call to {@code target}. */
  static <T> T forwarding(Class<T> type, T target) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  /** A host bean of {@code type} whose every SPI call throws what {@code failure} makes. */
  static <T> T failing(Class<T> type, Supplier<RuntimeException> failure) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "failing " + type.getSimpleName();
                };
              }
              throw failure.get();
            }));
  }
}
