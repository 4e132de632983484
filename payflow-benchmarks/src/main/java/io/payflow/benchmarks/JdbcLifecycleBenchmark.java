package io.payflow.benchmarks;

import io.payflow.core.model.Order;
import io.payflow.jdbc.JdbcOrderStore;
import io.payflow.jdbc.JdbcSchema;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 3: the lifecycle of benchmark 2 on embedded PostgreSQL, payflow with payflow-jdbc's
 * store against {@link PlainJdbcShop}, the fewest hand-written statements for the same state
 * changes. Stock stays in memory on both sides (it is the host's business, and the same for both).
 * Both use the same HikariCP pool size. {@link JdbcStatementCounts} reports statements and
 * transactions per order for each.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JdbcLifecycleBenchmark {

  /** payflow on payflow-jdbc. */
  @State(Scope.Benchmark)
  public static class PayFlowJdbc {
    EmbeddedDatabase database;
    PayFlowShop shop;

    @Setup(Level.Trial)
    public void open() {
      database = new EmbeddedDatabase("payflow_bench");
      JdbcSchema.initialize(database.dataSource());
      shop = new PayFlowShop(JdbcOrderStore.create(database.dataSource()));
    }

    @TearDown(Level.Trial)
    public void close() {
      shop.close();
      database.close();
    }
  }

  /** The same on hand-written JDBC. */
  @State(Scope.Benchmark)
  public static class PlainJdbc {
    EmbeddedDatabase database;
    PlainJdbcShop shop;

    @Setup(Level.Trial)
    public void open() {
      database = new EmbeddedDatabase("plain_bench");
      shop = new PlainJdbcShop(database.dataSource(), "PJ");
    }

    @TearDown(Level.Trial)
    public void close() {
      database.close();
    }
  }

  @Benchmark
  public Order payflowJdbc(PayFlowJdbc s, CpuCounters cpu) {
    cpu.start();
    return cpu.stop(s.shop.lifecycle());
  }

  @Benchmark
  public String plainJdbc(PlainJdbc s, CpuCounters cpu) throws SQLException {
    cpu.start();
    return cpu.stop(s.shop.lifecycle());
  }
}
