package io.payflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, in this JVM, on tiny fixtures, so that {@code mvn verify} proves each
 * one still runs and measures something (its checks in setup and teardown pass) without measuring
 * anything worth reading: the real run is {@code java -jar target/benchmarks.jar}.
 */
class BenchmarksSmokeTest {

  @BeforeAll
  static void tiny() {
    System.setProperty("payflow.benchmarks.smoke", "true");
    // A smoke run measures nothing worth reading, so a real benchmark run elsewhere on the machine
    // (which holds JMH's /tmp/jmh.lock) is no reason to fail the build.
    System.setProperty("jmh.ignoreLock", "true");
  }

  @AfterAll
  static void fullSizeAgain() {
    System.clearProperty("payflow.benchmarks.smoke");
    System.clearProperty("jmh.ignoreLock");
  }

  @Test
  void everyBenchmarkRunsAndProducesAScore() throws Exception {
    Options options =
        new OptionsBuilder()
            .include("io\\.payflow\\.benchmarks\\..*Benchmark.*")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .measurementBatchSize(CallbackBenchmark.SMOKE_BATCH)
            .param("stored", "100")
            .timeUnit(TimeUnit.MICROSECONDS)
            .shouldFailOnError(true)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results)
        .extracting(r -> r.getParams().getBenchmark().replace("io.payflow.benchmarks.", ""))
        .contains(
            "CallbackBenchmark.sdkParse",
            "CallbackBenchmark.channelParse",
            "CallbackBenchmark.firstTransition",
            "CallbackBenchmark.duplicate",
            "PairedCallbackBenchmark.paired",
            "LifecycleBenchmark.payflow",
            "LifecycleBenchmark.springStatemachine",
            "LifecycleBenchmark.cola",
            "ScalingBenchmark.oneThread",
            "ScalingBenchmark.twoThreads",
            "DuplicateStormBenchmark.oneThread",
            "DuplicateStormBenchmark.sixteenThreads",
            "SweepBenchmark.closeExpiredOrders",
            "SweepBenchmark.reconcilePayments",
            "SweepBenchmark.runDueEffects",
            "JdbcLifecycleBenchmark.payflowJdbc",
            "JdbcLifecycleBenchmark.plainJdbc");
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void heapPerOrderIsMeasured() {
    double[] perOrder = HeapPerOrder.measure(500);

    assertThat(perOrder[0]).as("bytes per order in flight").isPositive();
    assertThat(perOrder[1]).as("bytes per completed order").isGreaterThan(perOrder[0]);
  }
}
