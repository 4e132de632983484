package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlow;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryOrderStore;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.spi.PriceCatalog;
import io.payflow.jdbc.JdbcInventoryService;
import io.payflow.jdbc.JdbcOrderStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ExtendWith(OutputCaptureExtension.class)
class PayFlowJdbcAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PayFlowJdbcAutoConfiguration.class, PayFlowAutoConfiguration.class))
          .withBean(PayFlow.class, RecordingPayFlow::new);

  private final ApplicationContextRunner withDatabase =
      runner.withBean(DataSource.class, PayFlowJdbcAutoConfigurationTests::newDatabase);

  @Test
  void withADataSourceTheJdbcStoreAndInventoryReplaceTheInMemoryOnes(CapturedOutput output) {
    withDatabase.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).getBean(OrderStore.class).isInstanceOf(JdbcOrderStore.class);
          assertThat(context)
              .getBean(InventoryService.class)
              .isInstanceOf(JdbcInventoryService.class);
          assertThat(context).doesNotHaveBean(InMemoryOrderStore.class);
          // the not-for-production warning names only what is still in memory
          assertThat(output.getAll())
              .contains(InMemoryDefaultsWarning.MESSAGE_START)
              .contains("PriceCatalog in memory")
              .doesNotContain("OrderStore in memory")
              .doesNotContain("InventoryService in memory");
        });
  }

  @Test
  void withoutADataSourceTheInMemoryDefaultsStay() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(InMemoryOrderStore.class);
          assertThat(context).hasSingleBean(InMemoryInventoryService.class);
        });
  }

  @Test
  void withoutPayflowJdbcOnTheClasspathTheInMemoryDefaultsStay() {
    withDatabase
        .withClassLoader(new FilteredClassLoader(JdbcOrderStore.class))
        .run(context -> assertThat(context).hasSingleBean(InMemoryOrderStore.class));
  }

  @Test
  void payflowJdbcCanBeSwitchedOff() {
    withDatabase
        .withPropertyValues("payflow.jdbc.enabled=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(InMemoryOrderStore.class);
              assertThat(context).hasSingleBean(InMemoryInventoryService.class);
            });
  }

  @Test
  void aHostOrderStoreIsKeptAndTheInventoryIsStillJdbc() {
    InMemoryOrderStore host = new InMemoryOrderStore();
    withDatabase
        .withBean("hostStore", OrderStore.class, () -> host)
        .run(
            context -> {
              assertThat(context).getBean(OrderStore.class).isSameAs(host);
              assertThat(context)
                  .getBean(InventoryService.class)
                  .isInstanceOf(JdbcInventoryService.class);
            });
  }

  @Test
  void onAnEmbeddedDatabaseTheTablesAreCreatedUnderTheConfiguredPrefixUnlessSwitchedOff() {
    withDatabase
        .withPropertyValues("payflow.jdbc.table-prefix=shop_pay_")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(count(context.getBean(DataSource.class), "shop_pay_orders")).isZero();
            });
    withDatabase
        .withPropertyValues("payflow.jdbc.initialize-schema=never")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              DataSource ds = context.getBean(DataSource.class);
              assertThatThrownBy(() -> count(ds, "payflow_orders"))
                  .isInstanceOf(SQLException.class);
            });
  }

  @Test
  void anOrderCreatedInAHostTransactionThatRollsBackLeavesNoOrderAndNoReservation() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PayFlowJdbcAutoConfiguration.class, PayFlowAutoConfiguration.class))
        .withBean(DataSource.class, PayFlowJdbcAutoConfigurationTests::newDatabase)
        .withPropertyValues("payflow.scheduling.enabled=false")
        .withBean(PriceCatalog.class, () -> sku -> OptionalLong.of(100))
        .withBean(PaymentChannel.class, () -> new StubChannel("wechat"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PayFlow payflow = context.getBean(PayFlow.class);
              JdbcInventoryService inventory = context.getBean(JdbcInventoryService.class);
              OrderStore store = context.getBean(OrderStore.class);
              inventory.setStock("SKU-1", 10);
              TransactionTemplate tx =
                  new TransactionTemplate(
                      new DataSourceTransactionManager(context.getBean(DataSource.class)));

              // when the host's transaction creates an order, then rolls back
              Order rolledBack =
                  tx.execute(
                      status -> {
                        Order o = payflow.createOrder(order());
                        status.setRollbackOnly();
                        return o;
                      });
              // and another one commits
              Order committed = tx.execute(status -> payflow.createOrder(order()));

              // then only the committed one and its stock are there
              assertThat(store.load(rolledBack.orderNo())).isEmpty();
              assertThat(inventory.reservation(rolledBack.orderNo())).isEmpty();
              assertThat(store.load(committed.orderNo())).isPresent();
              assertThat(inventory.stock("SKU-1").available()).isEqualTo(8);
            });
  }

  private static CreateOrderRequest order() {
    return CreateOrderRequest.of("user-1", List.of(new OrderLine("SKU-1", 2, 100)));
  }

  private static DataSource newDatabase() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:payflow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  private static long count(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
