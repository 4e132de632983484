package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class PayFlowConfigurationFailureAnalyzerTests {

  @Test
  void theReportNamesThePropertyToFix() {
    PayFlowConfigurationException cause =
        new PayFlowConfigurationException(
            "payflow.wechat.api-v3-key", "must be exactly 32 bytes, but has 31 bytes");
    FailureAnalysis analysis =
        new PayFlowConfigurationFailureAnalyzer()
            .analyze(new BeanCreationException("payflowWechatPayConfig", "failed", cause));

    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription())
        .contains("payflow.wechat.api-v3-key: must be exactly 32 bytes, but has 31 bytes");
    assertThat(analysis.getAction()).startsWith("Set or correct payflow.wechat.api-v3-key");
  }

  @Test
  void otherFailuresAreLeftToOtherAnalyzers() {
    assertThat(new PayFlowConfigurationFailureAnalyzer().analyze(new IllegalStateException("x")))
        .isNull();
  }
}
