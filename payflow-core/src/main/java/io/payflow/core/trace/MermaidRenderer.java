package io.payflow.core.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Renders an order's flow trace as a Mermaid {@code sequenceDiagram}, declaring the seven
 * participants of the reference diagram and opening and closing its blocks from each entry's {@link
 * TraceEntry#block() block path}.
 *
 * <p>A block path is a {@code /}-separated list of segments {@code kind:label}:
 *
 * <ul>
 *   <li>{@code alt:L}, {@code opt:L}, {@code loop:L}, {@code par:L} open that Mermaid block;
 *   <li>{@code else:L} is the other branch of the {@code alt} just before it at the same depth
 *       (drawn {@code else L}); with no such {@code alt} it opens an {@code alt L} of its own;
 *   <li>{@code and:L} is one section of the enclosing {@code par}: the first section follows the
 *       {@code par} line, each later one starts with {@code and}, so parallel effects each get a
 *       section of their own.
 * </ul>
 *
 * Every block is closed with {@code end} as soon as an entry leaves it. Text is made Mermaid-safe:
 * {@code ;}, {@code #}, {@code <} and {@code >} become entity codes and line breaks become spaces.
 *
 * <p>This class is threadsafe (it has no state).
 */
public final class MermaidRenderer {

  private static final String INDENT = "    ";

  private MermaidRenderer() {}

  /** The diagram of these entries, without a title note. */
  public static String render(List<TraceEntry> entries) {
    return render("", entries);
  }

  /**
   * The diagram of these entries.
   *
   * @param title drawn as a note over all participants at the top; empty for none
   * @param entries the trace, in the order it happened
   */
  public static String render(String title, List<TraceEntry> entries) {
    return render(title, entries, Map.of());
  }

  /**
   * The diagram of these entries, with some participants drawn under other labels than the
   * reference diagram's, e.g. the payment channel under the channel's own name.
   *
   * @param title drawn as a note over all participants at the top; empty for none
   * @param entries the trace, in the order it happened
   * @param labels the label of a participant where it differs from {@link Participant#label()}
   */
  public static String render(
      String title, List<TraceEntry> entries, Map<Participant, String> labels) {
    StringBuilder out = new StringBuilder("sequenceDiagram\n");
    for (Participant p : Participant.values()) {
      out.append(INDENT)
          .append("participant ")
          .append(p.alias())
          .append(" as ")
          .append(escape(labels.getOrDefault(p, p.label())))
          .append('\n');
    }
    if (!title.isBlank()) {
      out.append(INDENT).append("Note over ").append(noteSpan()).append(": ");
      out.append(escape(title)).append('\n');
    }
    Deque<Frame> open = new ArrayDeque<>();
    for (TraceEntry entry : entries) {
      List<Segment> path = parse(entry.block());
      moveTo(open, path, out);
      line(out, depth(open), arrow(entry));
    }
    while (!open.isEmpty()) {
      close(open, out);
    }
    return out.toString();
  }

  /** Makes text safe for a Mermaid message or block label. */
  public static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '#' -> b.append("#35;");
        case ';' -> b.append("#59;");
        case '<' -> b.append("#60;");
        case '>' -> b.append("#62;");
        case '\r', '\n', '\t' -> b.append(' ');
        default -> b.append(c);
      }
    }
    String s = b.toString().strip();
    // An empty message or label would leave the line dangling after its colon or keyword.
    return s.isEmpty() ? "-" : s;
  }

  private static String noteSpan() {
    Participant[] all = Participant.values();
    return all[0].alias() + "," + all[all.length - 1].alias();
  }

  private static String arrow(TraceEntry e) {
    return e.from().alias()
        + (e.reply() ? "-->>" : "->>")
        + e.to().alias()
        + ": "
        + escape(e.message());
  }

  private enum Kind {
    ALT,
    ELSE,
    OPT,
    LOOP,
    PAR,
    AND
  }

  private record Segment(String raw, Kind kind, String label) {}

  /** One open block; {@code sections} counts the {@code and} sections a {@code par} has had. */
  private static final class Frame {
    final Segment segment;
    int sections;

    Frame(Segment segment) {
      this.segment = segment;
    }
  }

  private static List<Segment> parse(String block) {
    List<Segment> path = new ArrayList<>();
    if (block == null || block.isBlank()) {
      return path;
    }
    for (String raw : block.split("/")) {
      if (raw.isBlank()) {
        continue;
      }
      int colon = raw.indexOf(':');
      String kindName = colon < 0 ? "alt" : raw.substring(0, colon).strip();
      String label = colon < 0 ? raw : raw.substring(colon + 1);
      Kind kind =
          switch (kindName) {
            case "else" -> Kind.ELSE;
            case "opt" -> Kind.OPT;
            case "loop" -> Kind.LOOP;
            case "par" -> Kind.PAR;
            case "and" -> Kind.AND;
            default -> Kind.ALT;
          };
      path.add(new Segment(raw, kind, label));
    }
    return path;
  }

  /** Closes the blocks the entry is not in and opens the ones it is in. */
  private static void moveTo(Deque<Frame> open, List<Segment> path, StringBuilder out) {
    List<Frame> frames = new ArrayList<>(open);
    Collections.reverse(frames); // a Deque iterates innermost first
    int common = 0;
    while (common < frames.size()
        && common < path.size()
        && frames.get(common).segment.raw().equals(path.get(common).raw())) {
      common++;
    }
    while (open.size() > common) {
      if (open.size() == common + 1 && common < path.size()) {
        Frame top = open.peek();
        Segment next = path.get(common);
        if (next.kind() == Kind.ELSE
            && (top.segment.kind() == Kind.ALT || top.segment.kind() == Kind.ELSE)) {
          open.pop();
          open.push(new Frame(next));
          line(out, depth(open) - 1, "else " + escape(next.label()));
          common++;
          break;
        }
      }
      close(open, out);
    }
    for (int i = common; i < path.size(); i++) {
      openBlock(open, path.get(i), out);
    }
  }

  private static void openBlock(Deque<Frame> open, Segment s, StringBuilder out) {
    Frame parent = open.peek();
    if (s.kind() == Kind.AND && parent != null && parent.segment.kind() == Kind.PAR) {
      if (parent.sections++ > 0) {
        line(out, depth(open) - 1, "and");
      }
      open.push(new Frame(s));
      return;
    }
    String keyword =
        switch (s.kind()) {
          case OPT -> "opt";
          case LOOP -> "loop";
          case PAR, AND -> "par";
          default -> "alt";
        };
    line(out, depth(open), keyword + " " + escape(s.label()));
    Frame frame = new Frame(s.kind() == Kind.AND ? new Segment(s.raw(), Kind.PAR, s.label()) : s);
    if (s.kind() == Kind.AND) {
      frame.sections = 1;
    }
    open.push(frame);
  }

  private static void close(Deque<Frame> open, StringBuilder out) {
    Frame top = open.pop();
    // A par section ends where the next section or the par's own end begins.
    if (top.segment.kind() != Kind.AND) {
      line(out, depth(open), "end");
    }
  }

  /** How deep lines inside the open blocks are indented; par sections add no depth. */
  private static int depth(Deque<Frame> open) {
    int d = 0;
    for (Frame f : open) {
      if (f.segment.kind() != Kind.AND) {
        d++;
      }
    }
    return d;
  }

  private static void line(StringBuilder out, int depth, String text) {
    out.append(INDENT.repeat(depth + 1)).append(text).append('\n');
  }
}
