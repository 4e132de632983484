package io.payflow.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How block paths open, nest, indent and close Mermaid blocks, line by line. */
class MermaidRendererBlocksTest {

  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  private static TraceEntry os(String message, String block) {
    return new TraceEntry(
        T, Participant.ORDER_SERVICE, Participant.ORDER_SERVICE, message, false, block);
  }

  /** The lines after the header (sequenceDiagram and the seven participants), indentation kept. */
  private static List<String> body(String diagram) {
    List<String> lines = Arrays.asList(diagram.split("\n"));
    return lines.subList(8, lines.size());
  }

  @Test
  void segmentsWithoutAKindAreAltsAndBlankSegmentsAreSkipped() {
    String diagram =
        MermaidRenderer.render(
            List.of(
                os("a", "x"),
                os("b", "x//opt:o"),
                os("c", "x/loop:l"),
                os("d", " "),
                os("e", null)));

    assertThat(body(diagram))
        .containsExactly(
            "    alt x",
            "        OS->>OS: a",
            "        opt o",
            "            OS->>OS: b",
            "        end",
            "        loop l",
            "            OS->>OS: c",
            "        end",
            "    end",
            "    OS->>OS: d",
            "    OS->>OS: e");
  }

  @Test
  void elseWithoutAnAltOpensOneAndASecondElseFollowsTheFirst() {
    String diagram = MermaidRenderer.render(List.of(os("a", "else:y"), os("b", "else:z")));

    assertThat(body(diagram))
        .containsExactly(
            "    alt y", "        OS->>OS: a", "    else z", "        OS->>OS: b", "    end");
  }

  @Test
  void elseAfterAnotherKindOfBlockOpensAnAltOfItsOwn() {
    String diagram = MermaidRenderer.render(List.of(os("a", "opt:o"), os("b", "else:z")));

    assertThat(body(diagram))
        .containsExactly(
            "    opt o",
            "        OS->>OS: a",
            "    end",
            "    alt z",
            "        OS->>OS: b",
            "    end");
  }

  @Test
  void parSectionsInsideAnAltAreIndentedWithTheirPar() {
    String diagram =
        MermaidRenderer.render(
            List.of(
                os("a", "alt:x/par:p/and:1"),
                os("b", "alt:x/par:p/and:2"),
                os("c", "alt:x/par:p/and:2")));

    assertThat(body(diagram))
        .containsExactly(
            "    alt x",
            "        par p",
            "            OS->>OS: a",
            "        and",
            "            OS->>OS: b",
            "            OS->>OS: c",
            "        end",
            "    end");
  }

  @Test
  void sectionWithoutAParOpensAParOfItsOwn() {
    String diagram = MermaidRenderer.render(List.of(os("a", "and:1"), os("b", "and:2")));

    assertThat(body(diagram))
        .containsExactly(
            "    par 1",
            "        OS->>OS: a",
            "    end",
            "    par 2",
            "        OS->>OS: b",
            "    end");
  }

  @Test
  void blankTitleDrawsNoNoteAndBlankTextBecomesADash() {
    String diagram = MermaidRenderer.render(" ", List.of(os("\t", "")));

    assertThat(diagram).doesNotContain("Note over");
    assertThat(body(diagram)).containsExactly("    OS->>OS: -");
    assertThat(MermaidRenderer.escape("a\rb\tc")).isEqualTo("a b c");
    assertThat(MermaidRenderer.render("t", List.of())).contains("    Note over U,NS: t\n");
  }
}
