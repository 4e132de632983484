package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.error.ConfigurationException;
import io.payflow.core.error.PayFlowErrorCode;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PayFlowConfigTest {

  @Test
  void defaultsAreTheNamedConstants() {
    PayFlowConfig config = PayFlowConfig.ofDefaults();

    assertThat(config.orderExpireAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.effectMaxAttempts()).isEqualTo(8);
    assertThat(config.effectInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.effectMaxBackoff()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.effectBackoffMultiplier()).isEqualTo(2.0);
    assertThat(config.effectLease()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.reconcileQueryAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.refundLatePayments()).isTrue();
    assertThat(config.batchSize()).isEqualTo(100);
  }

  @Test
  void toBuilderKeepsEverySetting() {
    PayFlowConfig config =
        PayFlowConfig.builder()
            .orderExpireAfter(Duration.ofMinutes(15))
            .effectMaxAttempts(3)
            .effectInitialBackoff(Duration.ofMillis(200))
            .effectMaxBackoff(Duration.ofSeconds(30))
            .effectBackoffMultiplier(1.5)
            .effectLease(Duration.ofSeconds(90))
            .reconcileQueryAfter(Duration.ofSeconds(45))
            .refundLatePayments(false)
            .batchSize(10)
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void edgeValuesAreAccepted() {
    // the smallest sensible settings must not be refused by an off-by-one
    PayFlowConfig config =
        PayFlowConfig.builder()
            .effectMaxAttempts(1)
            .effectBackoffMultiplier(1.0)
            .effectInitialBackoff(Duration.ofSeconds(5))
            .effectMaxBackoff(Duration.ofSeconds(5))
            .orderExpireAfter(Duration.ofNanos(1))
            .batchSize(1)
            .build();

    assertThat(config.effectMaxAttempts()).isEqualTo(1);
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("orderExpireAfter", b -> b.orderExpireAfter(Duration.ZERO)),
        bad("orderExpireAfter", b -> b.orderExpireAfter(Duration.ofSeconds(-1))),
        bad("orderExpireAfter", b -> b.orderExpireAfter(null)),
        bad("effectMaxAttempts", b -> b.effectMaxAttempts(0)),
        bad("effectInitialBackoff", b -> b.effectInitialBackoff(Duration.ZERO)),
        bad("effectInitialBackoff", b -> b.effectInitialBackoff(null)),
        bad("effectMaxBackoff", b -> b.effectMaxBackoff(Duration.ofMillis(-5))),
        bad("effectMaxBackoff", b -> b.effectMaxBackoff(Duration.ofMillis(500))),
        bad("effectBackoffMultiplier", b -> b.effectBackoffMultiplier(0.99)),
        bad("effectBackoffMultiplier", b -> b.effectBackoffMultiplier(Double.NaN)),
        bad("effectLease", b -> b.effectLease(Duration.ZERO)),
        bad("reconcileQueryAfter", b -> b.reconcileQueryAfter(Duration.ofMinutes(-2))),
        bad("batchSize", b -> b.batchSize(0)));
  }

  private static Arguments bad(String field, UnaryOperator<PayFlowConfig.Builder> setting) {
    return Arguments.of(field, setting);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badSettingIsRefusedNamingIt(String field, UnaryOperator<PayFlowConfig.Builder> setting) {
    // given every other setting at its default
    PayFlowConfig.Builder builder = setting.apply(PayFlowConfig.builder());

    // when / then
    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigurationException.Problem::setting)
                  .containsExactly(field);
              assertThat(e.errorCode()).isEqualTo(PayFlowErrorCode.INVALID_CONFIGURATION);
              assertThat(e.code()).isEqualTo("INVALID_CONFIGURATION");
            })
        .hasMessageContaining(": " + field + " ");
  }
}
