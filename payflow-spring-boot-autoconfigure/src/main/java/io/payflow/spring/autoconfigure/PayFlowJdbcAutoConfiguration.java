package io.payflow.spring.autoconfigure;

import io.payflow.core.spi.InventoryService;
import io.payflow.core.spi.OrderStore;
import io.payflow.jdbc.DatabaseVendor;
import io.payflow.jdbc.JdbcConfig;
import io.payflow.jdbc.JdbcInventoryService;
import io.payflow.jdbc.JdbcOrderStore;
import io.payflow.jdbc.JdbcSchema;
import io.payflow.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The durable store and inventory of payflow-jdbc on the application's {@code DataSource}: with
 * payflow-jdbc on the classpath and one {@code DataSource} bean, a {@link JdbcOrderStore} and a
 * {@link JdbcInventoryService} replace the in-memory defaults (each only if the host has no bean of
 * the SPI type). The DataSource is wrapped in Spring's {@link TransactionAwareDataSourceProxy}, so
 * that a host's {@code @Transactional} method that creates an order is one atomic unit with it. Its
 * tables are created at startup when they are missing on an embedded database (H2), or on any
 * database with {@code payflow.jdbc.initialize-schema=always}.
 */
@AutoConfiguration(
    before = PayFlowAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@ConditionalOnClass({JdbcOrderStore.class, TransactionAwareDataSourceProxy.class})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(
    prefix = "payflow.jdbc",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(PayFlowJdbcProperties.class)
public class PayFlowJdbcAutoConfiguration {

  /** How payflow-jdbc reaches its tables; creates them first if asked to. */
  @Bean
  @ConditionalOnMissingBean
  JdbcConfig payflowJdbcConfig(DataSource dataSource, PayFlowJdbcProperties properties) {
    DataSource joining =
        dataSource instanceof TransactionAwareDataSourceProxy
            ? dataSource
            : new TransactionAwareDataSourceProxy(dataSource);
    JdbcConfig config = JdbcConfig.of(joining).withTablePrefix(properties.getTablePrefix());
    boolean initialize =
        switch (properties.getInitializeSchema()) {
          case ALWAYS -> true;
          case NEVER -> false;
          case EMBEDDED -> vendorOf(dataSource) == DatabaseVendor.H2;
        };
    if (initialize) {
      JdbcSchema.initialize(config);
    }
    return config;
  }

  private static @Nullable DatabaseVendor vendorOf(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return DatabaseVendor.of(c.getMetaData());
    } catch (SQLException e) {
      throw new JdbcStoreException("detecting the database of payflow's tables", e);
    } catch (IllegalArgumentException unsupported) {
      return null;
    }
  }

  @Bean
  @ConditionalOnMissingBean(OrderStore.class)
  JdbcOrderStore payflowOrderStore(JdbcConfig config) {
    return JdbcOrderStore.create(config);
  }

  @Bean
  @ConditionalOnMissingBean(InventoryService.class)
  JdbcInventoryService payflowInventoryService(JdbcConfig config) {
    return JdbcInventoryService.create(config);
  }
}
