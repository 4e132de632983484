package io.payflow.examples.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.trace.Participant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario runner, exactly as its command runs it: a fresh shop, the diagram's four branches
 * and four more of the lifecycle, one file each.
 */
class ScenarioRunnerTest {

  @TempDir Path out;

  @Test
  void playsEveryScenarioAndEachDiagramNamesTheSevenParticipants() throws Exception {
    List<ScenarioResult> results = ScenarioRunner.runAll(out);

    assertThat(results)
        .extracting(ScenarioResult::name)
        .containsExactlyElementsOf(ScenarioRunner.SCENARIOS);
    assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.line()).isTrue());
    for (String name : ScenarioRunner.SCENARIOS) {
      String diagram = Files.readString(out.resolve(name + ".mmd"));
      assertThat(diagram).as(name).startsWith("sequenceDiagram");
      for (Participant p : Participant.values()) {
        assertThat(diagram).as(name + " names " + p).contains(p.label());
      }
    }
  }

  @Test
  void creationFailureDiagramTakesTheReasonFromTheApiAnswer() {
    ShopClient.Answer answer =
        new ShopClient.Answer(
            409,
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("code", "INSUFFICIENT_STOCK")
                .put("message", "库存不足 / insufficient stock for SKU-1: wanted 3, have 1"),
            "");

    String diagram = ScenarioRunner.creationFailedDiagram(answer);

    assertThat(diagram)
        .contains("alt 订单创建失败")
        .contains("返回创建失败 (INSUFFICIENT_STOCK)")
        .contains("wanted 3, have 1")
        .contains("participant NS as 通知服务");
  }
}
