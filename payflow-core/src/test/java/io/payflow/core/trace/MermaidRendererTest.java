package io.payflow.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.testing.MermaidAssertions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MermaidRendererTest {

  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  private static TraceEntry call(Participant from, Participant to, String msg, String block) {
    return new TraceEntry(T, from, to, msg, false, block);
  }

  @Test
  void emptyTraceStillDeclaresTheSevenParticipants() {
    MermaidAssertions.assertWellFormed(MermaidRenderer.render(List.of()));
  }

  @Test
  void elseFollowsItsAltAndEachParSectionStartsWithAnd() {
    String diagram =
        MermaidRenderer.render(
            List.of(
                call(Participant.API_GATEWAY, Participant.ORDER_SERVICE, "a", "alt:x"),
                call(Participant.ORDER_SERVICE, Participant.ORDER_SERVICE, "b", "else:y"),
                call(Participant.NOTIFICATION_SERVICE, Participant.USER, "c", "par:p/and:1"),
                call(Participant.NOTIFICATION_SERVICE, Participant.FRONTEND, "d", "par:p/and:2"),
                call(Participant.ORDER_SERVICE, Participant.ORDER_SERVICE, "e", "")));

    List<String> lines = MermaidAssertions.assertWellFormed(diagram);
    assertThat(lines.subList(8, lines.size()))
        .containsExactly(
            "alt x",
            "API->>OS: a",
            "else y",
            "OS->>OS: b",
            "end",
            "par p",
            "NS->>U: c",
            "and",
            "NS->>FE: d",
            "end",
            "OS->>OS: e");
  }

  @Test
  void textIsMadeMermaidSafe() {
    String diagram =
        MermaidRenderer.render(
            "a;b",
            List.of(
                new TraceEntry(
                    T,
                    Participant.PAYMENT_CHANNEL,
                    Participant.PAYMENT_SERVICE,
                    "错误;#1\nline <b>",
                    true,
                    "alt:x;y")));

    assertThat(diagram)
        .contains("WP-->>PS: 错误#59;#35;1 line #60;b#62;")
        .contains("alt x#59;y")
        .contains("Note over U,NS: a#59;b");
    MermaidAssertions.assertWellFormed(diagram);
  }
}
