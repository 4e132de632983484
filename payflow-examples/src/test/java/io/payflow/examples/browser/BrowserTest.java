package io.payflow.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the demo's browser tests share: Debian's Chromium driven through its ChromeDriver (one
 * browser per test class, a fresh page per test), and the steps a buyer takes on the checkout page.
 * Fails, never skips, when Chromium or ChromeDriver are missing. Screenshots go to {@code
 * target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserTest.ScreenshotOnFailure.class)
abstract class BrowserTest {

  /** Saves what the browser showed when a test failed, as {@code FAILED-<test>.png}. */
  static final class ScreenshotOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser != null) {
        screenshot("FAILED-" + context.getRequiredTestMethod().getName());
      }
    }
  }

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  static ChromeDriver browser;
  static WebDriverWait wait;
  static Path profile;

  @LocalServerPort int port;

  @BeforeAll
  static void openBrowser() throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "the browser test needs Debian's Chromium and ChromeDriver: "
                + "apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk")
        .isTrue();
    profile = Files.createTempDirectory("payflow-chromium");
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
        "--hide-scrollbars",
        "--window-size=1280,1800",
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

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }

  /** Each test starts from a page of its own, as a new visitor, in English unless it says. */
  @BeforeEach
  void forgetTheLastPage() {
    browser.get("about:blank");
    browser.manage().deleteAllCookies();
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** Opens the shop in {@code lang} ({@code en} or {@code zh}). */
  void openShop(String lang) {
    browser.get(url("/?lang=" + lang));
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[data-sku='SKU-1']")));
  }

  /** Enters a quantity and places the order; returns its number once the page shows it. */
  String placeOrder(String sku, int quantity) {
    WebElement input =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[data-sku='" + sku + "']")));
    input.clear();
    input.sendKeys(String.valueOf(quantity));
    String before = text("order-no");
    click("place-order");
    wait.until(d -> !text("order-no").isEmpty() && !text("order-no").equals(before));
    wait.until(ExpectedConditions.textToBe(By.id("order-status"), "PENDING_PAYMENT"));
    return text("order-no");
  }

  /** Chooses the WeChat kind and clicks Pay; returns the payment sheet's payment number. */
  String startPayment(String method) {
    choosePaymentMethod(method);
    click("pay");
    WebElement sheet = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sheet")));
    wait.until(d -> !text("sheet-payment-no").isEmpty());
    assertThat(sheet.isDisplayed()).isTrue();
    return text("sheet-payment-no");
  }

  void choosePaymentMethod(String method) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "const select = document.getElementById('pay-method');"
                + "select.value = arguments[0];"
                + "select.dispatchEvent(new Event('change'));",
            method);
  }

  void click(String id) {
    clickWhenThere(By.id(id));
  }

  /**
   * Clicks the element once it is there and clickable. The page redraws its tables when the order
   * changes, so an element found a moment ago may have been replaced: then it is found again.
   */
  void clickWhenThere(By element) {
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement found = ExpectedConditions.elementToBeClickable(element).apply(d);
              if (found == null) {
                return false;
              }
              found.click();
              return true;
            });
  }

  String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  void awaitStatus(String status) {
    wait.until(ExpectedConditions.textToBe(By.id("order-status"), status));
  }

  void awaitEvent(String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), text));
  }

  /** The page's product table's stock of one sku. */
  long shownStock(String sku) {
    return Long.parseLong(
        browser
            .findElement(
                By.xpath("//input[@data-sku='" + sku + "']/ancestor::tr/td[@class='stock']"))
            .getText());
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  static Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(
          browser.getScreenshotAs(OutputType.FILE).toPath(),
          target,
          StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(target)).isPositive();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Scrolls so that an element is in the middle of the screen, for a screenshot of it. */
  static void scrollTo(WebElement element) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }
}
