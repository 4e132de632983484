package io.payflow.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/** Checks that a text is a well-formed Mermaid sequence diagram of the reference participants. */
public final class MermaidAssertions {

  private static final String ALIAS = "(U|FE|API|OS|PS|WP|NS)";
  private static final Pattern MESSAGE =
      Pattern.compile(ALIAS + "(->>|-->>)" + ALIAS + ": [^;#\\n]*\\S");
  private static final Pattern PARTICIPANT = Pattern.compile("participant " + ALIAS + " as \\S+");
  private static final Pattern NOTE = Pattern.compile("Note over U,NS: [^;\\n]+");
  private static final Pattern OPEN = Pattern.compile("(alt|par|opt|loop) \\S.*");
  private static final Pattern ELSE = Pattern.compile("else \\S.*");

  private MermaidAssertions() {}

  /** Asserts the structure line by line; returns the lines without indentation. */
  public static List<String> assertWellFormed(String diagram) {
    List<String> lines = diagram.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    assertThat(lines.get(0)).isEqualTo("sequenceDiagram");
    assertThat(lines.stream().filter(l -> l.startsWith("participant ")))
        .containsExactly(
            "participant U as 用户",
            "participant FE as 前端",
            "participant API as API网关",
            "participant OS as 订单服务",
            "participant PS as 支付服务",
            "participant WP as 微信支付",
            "participant NS as 通知服务");
    Deque<String> open = new ArrayDeque<>();
    for (String raw : lines.subList(1, lines.size())) {
      // Entity codes (#59; for ';') are how text carries Mermaid's special characters; any other
      // ';' or '#' would end or corrupt the statement.
      String line = raw.replaceAll("#\\d+;", "");
      if (OPEN.matcher(line).matches()) {
        open.push(line.substring(0, line.indexOf(' ')));
      } else if (ELSE.matcher(line).matches()) {
        assertThat(open.peek()).as("else inside an alt: " + line).isEqualTo("alt");
      } else if (line.equals("and")) {
        assertThat(open.peek()).as("and inside a par").isEqualTo("par");
      } else if (line.equals("end")) {
        assertThat(open).as("end closes an open block").isNotEmpty();
        open.pop();
      } else {
        assertThat(
                MESSAGE.matcher(line).matches()
                    || PARTICIPANT.matcher(line).matches()
                    || NOTE.matcher(line).matches())
            .as("well-formed line: " + line)
            .isTrue();
      }
    }
    assertThat(open).as("every block is closed").isEmpty();
    return lines;
  }
}
