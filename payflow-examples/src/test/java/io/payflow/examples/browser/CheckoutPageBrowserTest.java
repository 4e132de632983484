package io.payflow.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The newcomer's path in a real browser: open the shop, place an order, pay it in the simulated
 * WeChat sheet, see PAID and FULFILLING pushed live, and the order's trace drawn as a picture by
 * the mermaid served from the WebJar (the browser has no internet). Drives Debian's Chromium
 * through its ChromeDriver and fails, never skips, when they are missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CheckoutPageBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort int port;
  @TempDir Path profile;

  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "the browser test needs Debian's Chromium and ChromeDriver: "
                + "apt-get update && apt-get install -y chromium chromium-driver")
        .isTrue();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,2400",
        "--user-data-dir=" + profile.toAbsolutePath());
    // An explicit driver keeps Selenium Manager from trying to download one.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void newcomerPaysAnOrderAndSeesItFulfilledLiveWithItsTraceDrawn() throws Exception {
    browser.get("http://localhost:" + port + "/");
    WebElement quantity =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("input[data-sku='SKU-1']")));
    quantity.clear();
    quantity.sendKeys("2");

    browser.findElement(By.id("place-order")).click();
    wait.until(ExpectedConditions.textToBe(By.id("order-status"), "PENDING_PAYMENT"));
    assertThat(browser.findElement(By.id("order-total")).getText()).isEqualTo("¥39.98");

    browser.findElement(By.id("pay")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sheet-confirm"))).click();

    wait.until(ExpectedConditions.textToBe(By.id("order-status"), "FULFILLING"));
    // Only the event stream writes these lines: the page learnt PAID and FULFILLING by push.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "status PAID"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "status FULFILLING"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("order-stock"), "CONFIRMED"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notifications"), "sms"));
    WebElement picture =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trace svg")));
    // The picture is the order's own flow: it shows the push this very page received.
    wait.until(d -> picture.getText().contains("订单服务") && picture.getText().contains("推送支付成功消息"));

    // Everything the page loaded (mermaid included) came from the shop itself, none from a CDN.
    @SuppressWarnings("unchecked")
    List<String> loaded =
        (List<String>)
            ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(loaded)
        .anyMatch(url -> url.contains("/webjars/mermaid/"))
        .allMatch(url -> url.startsWith("http://localhost:" + port + "/"));

    Files.createDirectories(SCREENSHOTS);
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve("checkout-success.png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(target)).isPositive();
    List<WebElement> errors = browser.findElements(By.cssSelector("#message:not([hidden])"));
    assertThat(errors).allSatisfy(e -> assertThat(e.getAttribute("class")).contains("info"));
  }

  @Test
  void failedPaymentIsPushedAndTheStockComesBack() {
    browser.get("http://localhost:" + port + "/");
    WebElement quantity =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("input[data-sku='SKU-2']")));
    quantity.clear();
    quantity.sendKeys("1");
    browser.findElement(By.id("place-order")).click();
    wait.until(ExpectedConditions.textToBe(By.id("order-status"), "PENDING_PAYMENT"));

    browser.findElement(By.id("pay")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sheet-fail"))).click();

    wait.until(ExpectedConditions.textToBe(By.id("order-status"), "PAYMENT_FAILED"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("order-stock"), "RELEASED"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trace svg")));
  }
}
