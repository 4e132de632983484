package io.payflow.benchmarks;

/**
 * How big the benchmarks' fixtures are: full size, or tiny for the smoke test that {@code mvn
 * verify} runs (system property {@code payflow.benchmarks.smoke=true}), so that it takes seconds.
 */
final class Sizes {

  private Sizes() {}

  static boolean smoke() {
    return Boolean.getBoolean("payflow.benchmarks.smoke");
  }

  static int of(int full, int smoke) {
    return smoke() ? smoke : full;
  }
}
