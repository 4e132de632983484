package io.payflow.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The rest of the lifecycle as a buyer meets it on the checkout page: cancel, retry after WeChat
 * refused the prepay, order again after a failed payment, refunds with their progress pushed live,
 * a QR code to scan, a callback that never comes, and the order list, in Chinese and English.
 */
class OrderLifecycleBrowserTest extends BrowserTest {

  @Test
  void cancelClosesTheOrderAtWechatReleasesTheStockAndOffersToOrderAgain() {
    openShop("zh");
    long before = shownStock("SKU-2");
    placeOrder("SKU-2", 1);
    wait.until(d -> shownStock("SKU-2") == before - 1);
    startPayment("WECHAT_JSAPI");
    click("sheet-close");

    click("cancel");

    awaitStatus("CLOSED");
    awaitEvent("status CLOSED (cancelled)");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("order-stock"), "RELEASED"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payments"), "CLOSED"));
    wait.until(d -> shownStock("SKU-2") == before);
    awaitEvent("push ORDER_CLOSED");
    assertThat(text("order-status-text")).isEqualTo("已关闭");
    assertThat(text("message")).containsAnyOf("已取消", "已关闭");
    assertThat(browser.findElement(By.id("again-row")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("pay-row")).isDisplayed()).isFalse();
    screenshot("cancel");
  }

  @Test
  void afterWechatRefusedThePrepayTheBuyerRetriesWithANewPaymentNumberAndPays() {
    openShop("zh");
    placeOrder("SKU-1", 1);
    click("sim-fail-prepay");
    awaitEvent("下一次 WECHAT_JSAPI 下单将失败");

    click("pay");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "微信下单失败，请重试"));
    wait.until(ExpectedConditions.textToBe(By.id("pay"), "重新支付"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("payments"), "PREPAY_FAILED"));
    assertThat(text("order-status")).isEqualTo("PENDING_PAYMENT");
    String refused = browser.findElement(By.cssSelector("#payments tbody tr code")).getText();
    scrollTo(browser.findElement(By.id("order")));
    screenshot("retry-after-refused-prepay");

    String retried = startPayment("WECHAT_JSAPI");
    click("sheet-confirm");

    assertThat(retried).isNotEqualTo(refused).endsWith("P2");
    assertThat(refused).endsWith("P1");
    awaitStatus("FULFILLING");
    wait.until(ExpectedConditions.textToBe(By.id("pay-row"), ""));
    assertThat(browser.findElements(By.cssSelector("#payments tbody tr"))).hasSize(2);
  }

  @Test
  void afterAFailedPaymentTheBuyerOrdersTheSameLinesAgain() {
    openShop("en");
    String first = placeOrder("SKU-1", 3);
    String total = text("order-total");
    startPayment("WECHAT_JSAPI");
    click("sheet-fail");
    awaitStatus("PAYMENT_FAILED");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("again-row")));
    assertThat(text("again-hint")).contains("payment failed");

    click("order-again");

    wait.until(d -> !text("order-no").equals(first));
    awaitStatus("PENDING_PAYMENT");
    assertThat(text("order-total")).isEqualTo(total).isEqualTo("¥59.97");
    assertThat(browser.findElement(By.id("pay")).isEnabled()).isTrue();
    screenshot("order-again");
  }

  @Test
  void partAndThenTheRestIsRefundedWithEachRefundsProgressPushedLive() {
    openShop("zh");
    placeOrder("SKU-2", 2);
    startPayment("WECHAT_JSAPI");
    click("sheet-confirm");
    awaitStatus("FULFILLING");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refund-row")));
    assertThat(browser.findElement(By.id("refund-amount")).getAttribute("value"))
        .isEqualTo("90.00");

    refund("30.00");
    String first = awaitRefundRow(0, "PROCESSING");
    awaitEvent("refund " + first + " PROCESSING");
    clickRefundOutcome(first, "succeed");
    awaitRefundRow(0, "SUCCEEDED");
    awaitStatus("PARTIALLY_REFUNDED");
    wait.until(ExpectedConditions.textToBe(By.id("order-refunded"), "¥30.00"));
    awaitEvent("refund " + first + " SUCCEEDED");

    // WeChat closes the second refund (退款关闭): the order is back where it was, refundable again.
    refund("60.00");
    String second = awaitRefundRow(1, "PROCESSING");
    clickRefundOutcome(second, "closed");
    awaitRefundRow(1, "FAILED");
    awaitStatus("PARTIALLY_REFUNDED");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refunds"), "CLOSED"));

    refund("60.00");
    String third = awaitRefundRow(2, "PROCESSING");
    clickRefundOutcome(third, "succeed");
    awaitStatus("REFUNDED");
    wait.until(ExpectedConditions.textToBe(By.id("order-refunded"), "¥90.00"));
    awaitEvent("status REFUNDED");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("notifications"), "REFUNDED"));
    assertThat(browser.findElement(By.id("refund-row")).isDisplayed()).isFalse();
    assertThat(text("order-status-text")).isEqualTo("已退款");
    scrollTo(browser.findElement(By.id("refunds")));
    screenshot("refund");
  }

  @Test
  void anAbnormalRefundIsShownAsFailedWithWechatsReason() {
    openShop("en");
    placeOrder("SKU-1", 1);
    startPayment("WECHAT_JSAPI");
    click("sheet-confirm");
    awaitStatus("FULFILLING");

    refund("19.99");
    String refundNo = awaitRefundRow(0, "PROCESSING");
    clickRefundOutcome(refundNo, "abnormal");

    awaitRefundRow(0, "FAILED");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refunds"), "ABNORMAL"));
    awaitEvent("refund " + refundNo + " FAILED");
    awaitStatus("FULFILLING");
    wait.until(ExpectedConditions.textToBe(By.id("order-refunded"), "¥0.00"));
  }

  @Test
  void nativePayShowsAQrCodeThatScansToTheCodeUrlInTheMiddleOfTheScreen() throws Exception {
    openShop("zh");
    placeOrder("SKU-3", 1);
    // The buyer is scrolled down the page when they pay: the sheet still opens in front of them.
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");

    startPayment("WECHAT_NATIVE");

    WebElement qr = browser.findElement(By.id("sheet-qr"));
    wait.until(
        d ->
            (Boolean)
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0", qr));
    String codeUrl = text("sheet-code-url");
    assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");
    byte[] shownQr = qr.getScreenshotAs(OutputType.BYTES);
    java.nio.file.Files.write(SCREENSHOTS.resolve("native-qr-code.png"), shownQr);
    assertThat(decode(shownQr)).isEqualTo(codeUrl);
    @SuppressWarnings("unchecked")
    Map<String, Number> box =
        (Map<String, Number>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const r = document.getElementById('sheet').getBoundingClientRect();"
                        + "return {top: r.top, bottom: r.bottom, height: window.innerHeight};");
    assertThat(box.get("top").doubleValue()).isPositive();
    assertThat(box.get("bottom").doubleValue()).isLessThan(box.get("height").doubleValue());
    assertThat(browser.findElement(By.id("sheet-params")).isDisplayed()).isFalse();
    screenshot("native-qr");

    click("sheet-confirm");
    awaitStatus("FULFILLING");
  }

  @Test
  void h5PayShowsTheLinkToWechatsPaymentPage() {
    openShop("en");
    placeOrder("SKU-1", 1);

    startPayment("WECHAT_H5");

    WebElement link = browser.findElement(By.id("sheet-h5"));
    assertThat(link.isDisplayed()).isTrue();
    assertThat(link.getAttribute("href")).startsWith("http");
    assertThat(browser.findElement(By.id("sheet-qr-box")).isDisplayed()).isFalse();
    screenshot("h5-link");
    click("sheet-close");
  }

  @Test
  void aPaymentWhoseCallbackNeverComesIsSettledByReconciliationAndTheLateCallbackChangesNothing() {
    openShop("en");
    placeOrder("SKU-1", 1);
    startPayment("WECHAT_JSAPI");

    click("sheet-silent");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "no callback"));
    // No callback reaches the shop: payflow's scheduler queries WeChat (主动查单) after 5 s.
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "(query)"));
    awaitStatus("FULFILLING");
    awaitEvent("status PAID (query)");
    awaitEvent("push PAYMENT_SUCCEEDED");
    int eventsBefore = browser.findElements(By.cssSelector("#events li")).size();

    clickWhenThere(By.cssSelector("#payments .sim-callback"));

    awaitEvent("callback sent late");
    assertThat(text("order-status")).isEqualTo("FULFILLING");
    assertThat(text("events")).doesNotContain("(callback)");
    assertThat(browser.findElements(By.cssSelector("#events li"))).hasSize(eventsBefore + 1);
    screenshot("lost-callback-reconciled");
  }

  @Test
  void aDuplicatedCallbackPaysTheOrderOnce() {
    openShop("en");
    placeOrder("SKU-1", 1);
    startPayment("WECHAT_JSAPI");

    click("sheet-twice");

    awaitStatus("FULFILLING");
    awaitEvent("2 callback(s) sent");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notifications"), "sms"));
    List<String> paid =
        browser.findElements(By.cssSelector("#events li")).stream()
            .map(WebElement::getText)
            .filter(line -> line.contains("status PAID"))
            .toList();
    assertThat(paid).hasSize(1);
  }

  @Test
  void theOrderListShowsTheNewestFirstAndOpensAnOrderInEitherLanguage() {
    openShop("en");
    String older = placeOrder("SKU-1", 1);
    String newer = placeOrder("SKU-2", 1);
    wait.until(
        ExpectedConditions.textToBe(
            By.cssSelector("#orders tbody tr:first-child .open-order"), newer));
    assertThat(browser.findElements(By.cssSelector("#orders .open-order")).get(1).getText())
        .isEqualTo(older);

    browser.findElements(By.cssSelector("#orders .open-order")).get(1).click();

    wait.until(ExpectedConditions.textToBe(By.id("order-no"), older));
    awaitStatus("PENDING_PAYMENT");
    assertThat(text("order-total")).isEqualTo("¥19.99");

    click("lang-toggle");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "演示商店"));
    assertThat(text("order-status-text")).isEqualTo("待支付");
    assertThat(browser.findElement(By.cssSelector("#orders thead")).getText()).contains("订单号");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    scrollTo(browser.findElement(By.id("orders-card")));
    screenshot("order-list");
  }

  private void refund(String yuan) {
    WebElement amount = browser.findElement(By.id("refund-amount"));
    amount.clear();
    amount.sendKeys(yuan);
    click("refund");
  }

  /** Waits until the refunds table's row {@code index} is in {@code status}; returns its number. */
  private String awaitRefundRow(int index, String status) {
    By row = By.cssSelector("#refunds tbody tr:nth-child(" + (index + 1) + ")");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, status));
    return browser.findElement(row).getAttribute("data-refund");
  }

  private void clickRefundOutcome(String refundNo, String outcome) {
    clickWhenThere(
        By.cssSelector(
            ".sim-refund[data-refund='" + refundNo + "'][data-outcome='" + outcome + "']"));
  }

  /** What a phone camera would read from the QR code on the screen. */
  private static String decode(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(
                new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
        .getText();
  }
}
