package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * These tests run twice, once per Boot line; this one fails if a BOM mix-up makes both runs use the
 * same line. Each module's surefire sets {@code payflow.expected-boot-line}.
 */
class BootLineTests {

  @Test
  void theTestsRunOnTheBootLineTheModuleDeclares() {
    String expected = System.getProperty("payflow.expected-boot-line");
    assertThat(expected).as("payflow.expected-boot-line set by surefire").isNotBlank();
    assertThat(SpringBootVersion.getVersion()).startsWith(expected + ".");
  }

  @Test
  void theHealthApiOfThatLineIsTheOnlyOneOnTheClasspath() {
    boolean boot3Health = present("org.springframework.boot.actuate.health.HealthIndicator");
    boolean boot4Health = present("org.springframework.boot.health.contributor.HealthIndicator");
    assertThat(boot3Health).isNotEqualTo(boot4Health);
    assertThat(boot4Health).isEqualTo("4".equals(System.getProperty("payflow.expected-boot-line")));
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, BootLineTests.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
