package io.payflow.examples;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * The payflow demo shop: a Spring Boot application that sells a few seeded products through the
 * {@code PayFlow} facade, pays with WeChat Pay (an in-process simulator unless {@code
 * payflow.examples.simulator.enabled=false}) and shows each order's flow as a sequence diagram.
 */
@SpringBootApplication
public class DemoShopApplication {

  private static final Logger log = LoggerFactory.getLogger(DemoShopApplication.class);

  public static void main(String[] args) {
    SpringApplication.run(DemoShopApplication.class, args);
  }

  /**
   * The line a newcomer looks for in the log: where to open the shop, with the port really used.
   */
  @EventListener
  void announce(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      log.info("payflow demo shop: open http://localhost:{}/", web.getWebServer().getPort());
    }
  }
}
