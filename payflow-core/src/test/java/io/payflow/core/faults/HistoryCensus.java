package io.payflow.core.faults;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not a test: runs generated histories over the in-memory parts without stopping at the first
 * failure and counts the histories that break each kind of invariant, for the record of what a
 * change fixed. {@code java -cp <test classpath> io.payflow.core.faults.HistoryCensus 3000}.
 */
public final class HistoryCensus {

  private HistoryCensus() {}

  public static void main(String[] args) throws InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    FacadeBadInputTest.InMemoryWorlds harness = new FacadeBadInputTest.InMemoryWorlds();
    Map<String, Integer> kinds = new TreeMap<>();
    int broken = 0;
    boolean verbose = Boolean.getBoolean("census.verbose");
    List<List<HistoryAction>> samples =
        LifecycleHistoryContract.arbitraryHistory().sampleStream().limit(n).toList();
    for (List<HistoryAction> history : samples) {
      List<String> violations = LifecycleHistoryContract.run(harness, history);
      if (!violations.isEmpty()) {
        broken++;
        violations.stream()
            .filter(v -> !v.startsWith("(faults fired"))
            .map(HistoryCensus::kind)
            .distinct()
            .forEach(
                k -> {
                  if (kinds.merge(k, 1, Integer::sum) == 1 && verbose) {
                    System.out.println("== " + k + "\n   " + history + "\n   " + violations);
                  }
                });
      }
    }
    System.out.printf(
        "%d of %d histories broke an invariant (%d faults injected, %d crashes)%n",
        broken, n, LifecycleHistoryContract.faultsInjected(), LifecycleHistoryContract.crashed());
    kinds.forEach((k, c) -> System.out.printf("%6d  %s%n", c, k));
    System.exit(0);
  }

  /** A violation without its numbers: the kind of invariant it breaks. */
  private static String kind(String violation) {
    String k = violation.replaceAll("[0-9A-Z]{10,}[0-9A-Za-z/_:-]*", "#").replaceAll("\\d+", "n");
    return k.length() > 110 ? k.substring(0, 110) : k;
  }
}
