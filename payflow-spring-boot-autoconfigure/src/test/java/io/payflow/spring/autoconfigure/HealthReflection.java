package io.payflow.spring.autoconfigure;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Reads a health indicator's answer by reflection, because its type is {@code
 * org.springframework.boot.actuate.health.HealthIndicator} on Boot 3 and {@code
 * org.springframework.boot.health.contributor.HealthIndicator} on Boot 4, and these tests run on
 * both.
 */
final class HealthReflection {

  record Answer(String status, Map<String, Object> details) {}

  private HealthReflection() {}

  @SuppressWarnings("unchecked")
  static Answer health(Object indicator) {
    try {
      Method health = indicator.getClass().getMethod("health");
      health.setAccessible(true);
      Object h = health.invoke(indicator);
      Object status = h.getClass().getMethod("getStatus").invoke(h);
      String code = (String) status.getClass().getMethod("getCode").invoke(status);
      Map<String, Object> details =
          (Map<String, Object>) h.getClass().getMethod("getDetails").invoke(h);
      return new Answer(code, details);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("not a health indicator: " + indicator.getClass(), e);
    }
  }
}
