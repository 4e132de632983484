package io.payflow.benchmarks;

import io.payflow.jdbc.JdbcOrderStore;
import io.payflow.jdbc.JdbcSchema;
import java.util.Locale;

/**
 * Statements and transactions per order of benchmark 3's two shops, counted over {@value #ORDERS}
 * orders after a warm-up; run in a JVM of its own by {@link BenchmarkMain}. Prints {@code jdbc
 * <shop> <statements per order> <transactions per order>}.
 */
final class JdbcStatementCounts {

  static final int ORDERS = 200;

  private JdbcStatementCounts() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedDatabase db = new EmbeddedDatabase("payflow_counts")) {
      JdbcSchema.initialize(db.dataSource());
      try (PayFlowShop shop = new PayFlowShop(JdbcOrderStore.create(db.dataSource()))) {
        shop.lifecycle();
        count("payflowJdbc", db.counted, shop::lifecycle);
      }
    }
    try (EmbeddedDatabase db = new EmbeddedDatabase("plain_counts")) {
      PlainJdbcShop shop = new PlainJdbcShop(db.dataSource(), "PC");
      shop.lifecycle();
      count("plainJdbc", db.counted, shop::lifecycle);
    }
  }

  private interface Lifecycle {
    Object run() throws Exception;
  }

  private static void count(String name, CountingDataSource counted, Lifecycle lifecycle)
      throws Exception {
    long statements = counted.statements.sum();
    long transactions = counted.transactions.sum();
    for (int i = 0; i < ORDERS; i++) {
      lifecycle.run();
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "jdbc %s %.2f %.2f",
            name,
            (counted.statements.sum() - statements) / (double) ORDERS,
            (counted.transactions.sum() - transactions) / (double) ORDERS));
  }
}
