package io.payflow.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.payflow.examples.push.SmsNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The operator's console (/ops.html) on the payflow Actuator endpoint: an SMS dies while the
 * gateway is down, the operator sees it with its last error, brings the gateway back and retries it
 * from the page; the order's trace then shows the text sent.
 */
class OpsConsoleBrowserTest extends BrowserTest {

  @Autowired TestRestTemplate http;
  @Autowired SmsNotifier sms;

  @AfterEach
  void gatewayBackUp() {
    sms.gatewayDown(false);
  }

  @Test
  void anOperatorSeesADeadSmsAndRetriesItFromTheConsole() {
    browser.get(url("/ops.html?lang=zh"));
    // The store the demo runs on: in memory, or JDBC.
    wait.until(d -> text("store").contains("OrderStore"));
    WebElement smsDown = browser.findElement(By.id("sms-down"));
    assertThat(smsDown.isSelected()).isFalse();
    long deadBefore = count("effects", "DEAD");

    smsDown.click();
    wait.until(d -> sms.gatewayDown());
    String orderNo = paidOrder();

    // 3 attempts, 0.5 s then 1 s apart, swept every second: dead within seconds.
    By deadRow = By.cssSelector("#dead tr[data-effect^='" + orderNo + "/NOTIFY/sms']");
    WebElement row =
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until(ExpectedConditions.visibilityOfElementLocated(deadRow));
    assertThat(row.getText())
        .contains("NOTIFY")
        .contains("sms")
        .contains("SMS gateway unavailable");
    assertThat(row.findElements(By.tagName("td")).get(2).getText()).isEqualTo("3");
    wait.until(d -> count("effects", "DEAD") == deadBefore + 1);
    assertThat(text("counts-orders")).contains("FULFILLING");
    screenshot("ops-dead-effect");
    clickWhenThere(
        By.cssSelector("#dead tr[data-effect^='" + orderNo + "/NOTIFY/sms'] .show-order"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("viewer-effects"), "NOTIFY·sms DEAD"));

    clickWhenThere(By.id("sms-down"));
    wait.until(d -> !sms.gatewayDown());
    clickWhenThere(By.cssSelector("#dead tr[data-effect^='" + orderNo + "/NOTIFY/sms'] .retry"));

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "已重新排队"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(deadRow));
    wait.until(d -> count("effects", "DEAD") == deadBefore);
    // The viewer follows the order live: the retried text is sent.
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("viewer-effects"), "NOTIFY·sms DONE"));
    WebElement picture =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trace svg")));
    wait.until(d -> picture.getText().contains("发送支付成功短信"));
    assertThat(text("viewer-status")).isEqualTo("FULFILLING");
    scrollTo(browser.findElement(By.id("viewer")));
    screenshot("ops-retried");
  }

  @Test
  void theTraceViewerSaysWhenThereIsNoSuchOrder() {
    browser.get(url("/ops.html?lang=en"));
    // The store the demo runs on: in memory, or JDBC.
    wait.until(d -> text("store").contains("OrderStore"));

    browser.findElement(By.id("trace-order")).sendKeys("NO-SUCH-ORDER");
    click("show-trace");

    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("message"), "No order NO-SUCH-ORDER"));
    assertThat(browser.findElement(By.id("order-facts")).isDisplayed()).isFalse();
  }

  /** The count the page shows for one status of one kind. */
  private long count(String kind, String status) {
    List<WebElement> cells =
        browser.findElements(
            By.cssSelector("#counts-" + kind + " tr[data-status='" + status + "'] td.count"));
    return cells.isEmpty() ? -1 : Long.parseLong(cells.get(0).getText());
  }

  /** An order of one SKU-1 paid through the simulator, as the shop's own front end would. */
  private String paidOrder() {
    JsonNode created =
        http.postForObject(
            "/api/orders",
            Map.of(
                "userId",
                "ops-user",
                "items",
                List.of(Map.of("sku", "SKU-1", "quantity", 1, "unitPrice", 1999))),
            JsonNode.class);
    String orderNo = created.path("orderNo").asText();
    String paymentNo =
        http.postForObject(
                "/api/orders/" + orderNo + "/payments",
                Map.of("channel", "WECHAT_JSAPI", "openId", "o-ops"),
                JsonNode.class)
            .path("paymentNo")
            .asText();
    JsonNode paid =
        http.postForObject("/simulator/payments/" + paymentNo + "/succeed", null, JsonNode.class);
    assertThat(paid.path("callbackAcknowledged").asBoolean()).as(paid.toString()).isTrue();
    return orderNo;
  }
}
