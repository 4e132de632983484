package io.payflow.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -jar benchmarks.jar [JMH options]}: runs the benchmarks (all of them unless a regex
 * is given), then prints every figure as a ratio against its baseline from the same run, with its
 * error (the JMH 99.9% confidence half-widths, relative errors added in quadrature), twice: from
 * the CPU time the benchmark thread spent per call ({@link CpuCounters}), which a loaded machine
 * barely disturbs, and from JMH's wall-clock score. A target is judged on CPU time where that means
 * something, on wall clock for scaling. Then the heap per order. With {@code -prof jfr} it also
 * prints each benchmark's hottest frames from the recordings. {@code -h} prints JMH's own options.
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  /** How a ratio is formed: what it divides by what, and the target it is held to. */
  private record Figure(
      String label, String numerator, String denominator, String target, boolean atMost) {

    boolean met(double ratio, double limit) {
      return atMost ? ratio <= limit : ratio >= limit;
    }
  }

  private static final List<Figure> FIGURES =
      List.of(
          new Figure(
              "1. callback: WechatPayChannel.parseCallback / SDK NotificationParser.parse",
              "CallbackBenchmark.channelParse",
              "CallbackBenchmark.sdkParse",
              "—",
              true),
          new Figure(
              "1. callback: handleCallback first transition / SDK parse",
              "CallbackBenchmark.firstTransition",
              "CallbackBenchmark.sdkParse",
              "≤ 1.15",
              true),
          new Figure(
              "1. callback: handleCallback duplicate / SDK parse",
              "CallbackBenchmark.duplicate",
              "CallbackBenchmark.sdkParse",
              "≤ 1.05",
              true),
          new Figure(
              "2. lifecycle: payflow speed vs Spring Statemachine 4 (time SSM / time payflow)",
              "LifecycleBenchmark.springStatemachine",
              "LifecycleBenchmark.payflow",
              "≥ 10",
              false),
          new Figure(
              "2. lifecycle: payflow speed vs COLA statemachine 5 (time COLA / time payflow)",
              "LifecycleBenchmark.cola",
              "LifecycleBenchmark.payflow",
              "≥ 1.0",
              false),
          new Figure(
              "3. JDBC lifecycle: payflow-jdbc speed vs plain JDBC (time plain / time payflow)",
              "JdbcLifecycleBenchmark.plainJdbc",
              "JdbcLifecycleBenchmark.payflowJdbc",
              "≥ 0.7",
              false),
          new Figure(
              "4. scaling: 2 threads / 1 thread, in-memory lifecycle (orders/ms)",
              "ScalingBenchmark.twoThreads",
              "ScalingBenchmark.oneThread",
              "≥ 1.6",
              false),
          new Figure(
              "4. scaling: 16 threads / 1 thread, duplicate callbacks on 1,000 orders (callbacks/ms)",
              "DuplicateStormBenchmark.sixteenThreads",
              "DuplicateStormBenchmark.oneThread",
              "—",
              false),
          new Figure(
              "5. sweep: closeExpiredOrders, 100k stored / 1k stored",
              "SweepBenchmark.closeExpiredOrders:stored=100000",
              "SweepBenchmark.closeExpiredOrders:stored=1000",
              "≤ 2",
              true),
          new Figure(
              "5. sweep: reconcilePayments, 100k stored / 1k stored",
              "SweepBenchmark.reconcilePayments:stored=100000",
              "SweepBenchmark.reconcilePayments:stored=1000",
              "≤ 2",
              true),
          new Figure(
              "5. sweep: runDueEffects, 100k stored / 1k stored",
              "SweepBenchmark.runDueEffects:stored=100000",
              "SweepBenchmark.runDueEffects:stored=1000",
              "≤ 2",
              true));

  public static void main(String[] args) throws RunnerException, IOException {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean heap = !rest.remove("--no-heap");
    boolean jfr = rest.remove("--jfr");
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(rest.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (cmd.shouldHelp()
        || cmd.shouldList()
        || cmd.shouldListWithParams()
        || cmd.shouldListProfilers()) {
      org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
      return;
    }
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      builder.include("io\\.payflow\\.benchmarks\\..*");
    }
    if (jfr) {
      // JFR's own "profile" settings sample each thread every 10 ms: on a loaded machine that is a
      // few dozen samples per benchmark. The same settings at 1 ms give enough to rank frames.
      Path settings = Files.createTempFile("payflow-benchmarks", ".jfc");
      String profile =
          Files.readString(Paths.get(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
      Files.writeString(
          settings,
          profile.replace(
              "<setting name=\"period\" control=\"method-sampling-java-interval\">10 ms</setting>",
              "<setting name=\"period\" control=\"method-sampling-java-interval\">1 ms</setting>"));
      builder.addProfiler("jfr", "configName=" + settings + ";dir=jfr");
    }
    Options options = builder.build();
    Instant started = Instant.now();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, RunResult> scores = new LinkedHashMap<>();
    for (RunResult r : results) {
      scores.put(key(r), r);
    }
    StringBuilder out = new StringBuilder();
    out.append("\n## Figures (ratio ± error, from this run)\n\n");
    out.append(
        "| figure | ratio, CPU time per call | ratio, wall clock | target | met | numerator"
            + " (CPU µs/call; JMH score) | baseline (CPU µs/call; JMH score) |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (Figure f : FIGURES) {
      RunResult num = scores.get(f.numerator());
      RunResult den = scores.get(f.denominator());
      if (num == null || den == null) {
        continue;
      }
      double[] wall = ratio(num.getPrimaryResult(), den.getPrimaryResult());
      double[] cpuNum = cpuPerCall(num);
      double[] cpuDen = cpuPerCall(den);
      // CPU time per call says nothing about how threads scale, and misses the database server's
      // work: for scaling and JDBC only wall clock counts.
      boolean cpuMeaningful =
          cpuNum != null
              && cpuDen != null
              && !f.label().startsWith("4.")
              && !f.label().startsWith("3.");
      double[] cpu = cpuMeaningful ? divide(cpuNum, cpuDen) : null;
      String met = "—";
      if (!f.target().equals("—")) {
        double limit = Double.parseDouble(f.target().replaceAll("[^0-9.]", ""));
        double judged = cpu != null ? cpu[0] : wall[0];
        met = (f.met(judged, limit) ? "yes" : "no") + (cpu != null ? " (CPU)" : " (wall)");
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s |%n",
              f.label(),
              cpu == null ? "—" : format(cpu),
              format(wall),
              f.target(),
              met,
              describe(num, cpuNum),
              describe(den, cpuDen)));
    }
    System.out.print(out);
    printPaired(started);
    if (heap) {
      printHeap();
    }
    if (scores.keySet().stream().anyMatch(k -> k.startsWith("JdbcLifecycleBenchmark."))) {
      printJdbcCounts();
    }
    printJfr(started, Paths.get(jfr ? "jfr" : "."));
  }

  private static double relative(double error, double score) {
    return Double.isNaN(error) ? 0 : error / score;
  }

  /** {score, error}: JMH's 99.9% half-width, relative errors added in quadrature. */
  private static double[] ratio(Result<?> num, Result<?> den) {
    return divide(
        new double[] {num.getScore(), num.getScoreError()},
        new double[] {den.getScore(), den.getScoreError()});
  }

  private static double[] divide(double[] num, double[] den) {
    double ratio = num[0] / den[0];
    return new double[] {
      ratio, ratio * Math.hypot(relative(num[1], num[0]), relative(den[1], den[0]))
    };
  }

  /** {µs, error} of CPU time per measured call, from the {@link CpuCounters}, or null. */
  private static double @Nullable [] cpuPerCall(RunResult r) {
    Result<?> nanos = r.getSecondaryResults().get("cpuNanos");
    Result<?> calls = r.getSecondaryResults().get("calls");
    if (nanos == null || calls == null || calls.getScore() == 0) {
      return null;
    }
    double[] n = {nanos.getScore(), nanos.getScoreError()};
    double[] c = {calls.getScore(), calls.getScoreError()};
    // JMH reports an OPERATIONS counter as count per time in throughput mode and as time per count
    // in the time modes: nanoseconds per call is n / c in the first, c / n in the second.
    double[] perCall = r.getParams().getMode() == Mode.Throughput ? divide(n, c) : divide(c, n);
    return new double[] {perCall[0] / 1000, perCall[1] / 1000};
  }

  private static String format(double[] value) {
    return String.format(Locale.ROOT, "%.3f ± %.3f", value[0], value[1]);
  }

  private static String describe(RunResult r, double @Nullable [] cpu) {
    Result<?> p = r.getPrimaryResult();
    return String.format(
        Locale.ROOT,
        "%s; %.3f ± %.3f %s",
        cpu == null ? "—" : format(cpu),
        p.getScore(),
        p.getScoreError(),
        p.getScoreUnit());
  }

  private static String key(RunResult r) {
    String name = r.getParams().getBenchmark();
    String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
    StringBuilder key = new StringBuilder(simple);
    for (String p : new TreeMap<>(paramsOf(r)).keySet()) {
      key.append(':').append(p).append('=').append(r.getParams().getParam(p));
    }
    return key.toString();
  }

  private static Map<String, String> paramsOf(RunResult r) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String p : r.getParams().getParamsKeys()) {
      params.put(p, r.getParams().getParam(p));
    }
    return params;
  }

  /**
   * The paired callback figures: per measured iteration the CPU time of the floor, parseCallback,
   * first transition and duplicate over the same callbacks at the same moments ({@link
   * PairedCallbackBenchmark}); each ratio's mean over the iterations with a 99.9% confidence
   * half-width (Student's t), as JMH computes its own.
   */
  private static void printPaired(Instant since) throws IOException {
    Path file = Paths.get(PairedCallbackBenchmark.FILE);
    if (!Files.exists(file) || !modifiedAfter(file, since)) {
      return;
    }
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.trim().split(" ");
      if (f.length == 5) {
        double ops = Double.parseDouble(f[0]);
        rows.add(
            new double[] {
              Double.parseDouble(f[1]) / ops / 1000,
              Double.parseDouble(f[2]) / ops / 1000,
              Double.parseDouble(f[3]) / ops / 1000,
              Double.parseDouble(f[4]) / ops / 1000
            });
      }
    }
    if (rows.size() < 2) {
      return;
    }
    System.out.println(
        "\n## 1. Callback path, paired (CPU time, same callbacks, same moments; "
            + rows.size()
            + " iterations)\n");
    System.out.println("| figure | ratio (mean ± 99.9% CI) | target | met | CPU µs per call |");
    System.out.println("| --- | --- | --- | --- | --- |");
    String[] names = {
      "SDK NotificationParser.parse (floor)",
      "WechatPayChannel.parseCallback / floor",
      "handleCallback first transition / floor",
      "handleCallback duplicate / floor"
    };
    String[] targets = {"—", "—", "≤ 1.15", "≤ 1.05"};
    for (int k = 0; k < 4; k++) {
      double[] ratios = new double[rows.size()];
      double[] micros = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        ratios[i] = rows.get(i)[k] / rows.get(i)[0];
        micros[i] = rows.get(i)[k];
      }
      double[] r = meanAndHalfWidth(ratios);
      double[] m = meanAndHalfWidth(micros);
      String met = "—";
      if (!targets[k].equals("—")) {
        met = r[0] <= Double.parseDouble(targets[k].replaceAll("[^0-9.]", "")) ? "yes" : "no";
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %.2f ± %.2f |%n",
          names[k],
          k == 0 ? "1" : format(r),
          targets[k],
          met,
          m[0],
          m[1]);
    }
  }

  private static double[] meanAndHalfWidth(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double variance = 0;
    for (double v : values) {
      variance += (v - mean) * (v - mean);
    }
    variance /= values.length - 1;
    double t =
        new org.apache.commons.math3.distribution.TDistribution(values.length - 1)
            .inverseCumulativeProbability(0.9995);
    return new double[] {mean, t * Math.sqrt(variance / values.length)};
  }

  /** A JVM of its own running {@code main}'s class, with a GC that compacts on System.gc(). */
  private static Process child(Class<?> main) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-XX:+UseSerialGC",
            "-Xms1g",
            "-Xmx1g",
            "-cp",
            System.getProperty("java.class.path"),
            main.getName())
        .redirectErrorStream(true)
        .start();
  }

  /** Statements and transactions per order of the JDBC lifecycle, payflow-jdbc and plain. */
  private static void printJdbcCounts() throws IOException {
    Process p = child(JdbcStatementCounts.class);
    System.out.println("\n## 3. JDBC statements and transactions per order\n");
    System.out.println("| shop | statements per order | transactions per order |");
    System.out.println("| --- | --- | --- |");
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(" ");
        if (f.length == 4 && f[0].equals("jdbc")) {
          System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", f[1], f[2], f[3]);
        }
      }
    }
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@link HeapPerOrder} in a JVM of its own. */
  private static void printHeap() throws IOException {
    Process p = child(HeapPerOrder.class);
    System.out.println("\n## 6. Heap per order (retained, used heap after full GC)\n");
    System.out.println("| state | bytes per order | KiB per order | target | met |");
    System.out.println("| --- | --- | --- | --- | --- |");
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(" ");
        if (f.length == 4 && f[0].equals("heap")) {
          double mean = Double.parseDouble(f[2]);
          double stdev = Double.parseDouble(f[3]);
          System.out.printf(
              Locale.ROOT,
              "| %s | %.0f ± %.0f | %.2f ± %.2f | < 2 KiB | %s |%n",
              f[1],
              mean,
              stdev,
              mean / 1024,
              stdev / 1024,
              mean < 2048 ? "yes" : "no");
        } else {
          System.out.println(line);
        }
      }
    }
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The hottest frames of each JFR recording that this run's {@code -prof jfr} wrote. */
  private static void printJfr(Instant since, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> recordings;
    try (Stream<Path> files = Files.walk(dir, 4)) {
      recordings =
          files
              .filter(f -> f.toString().endsWith(".jfr"))
              .filter(f -> modifiedAfter(f, since))
              .sorted()
              .toList();
    }
    for (Path recording : recordings) {
      System.out.println("\n### JFR top frames: " + recording.getParent().getFileName() + "\n");
      Map<String, Integer> self = new LinkedHashMap<>();
      Map<String, Integer> ours = new LinkedHashMap<>();
      int samples = 0;
      for (var event : RecordingFile.readAllEvents(recording)) {
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        self.merge(frame(stack.getFrames().get(0)), 1, Integer::sum);
        String payflow = firstPayflowFrame(stack);
        if (payflow != null) {
          ours.merge(payflow, 1, Integer::sum);
        }
      }
      System.out.println("self (top of stack), of " + samples + " samples:");
      top(self, samples);
      System.out.println("first payflow frame (not the benchmark's own):");
      top(ours, samples);
    }
  }

  private static boolean modifiedAfter(Path f, Instant since) {
    try {
      return Files.getLastModifiedTime(f).toInstant().isAfter(since);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static @Nullable String firstPayflowFrame(RecordedStackTrace stack) {
    for (RecordedFrame f : stack.getFrames()) {
      String type = f.getMethod().getType().getName();
      if (type.startsWith("io.payflow.") && !type.startsWith("io.payflow.benchmarks.")) {
        return frame(f);
      }
    }
    return null;
  }

  private static String frame(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void top(Map<String, Integer> counts, int samples) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(8)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "  %5.1f%%  %s%n",
                    100.0 * e.getValue() / Math.max(1, samples),
                    e.getKey()));
  }
}
