package io.payflow.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The newcomer's path in a real browser: open the shop, place an order, pay it in the simulated
 * WeChat sheet, see PAID and FULFILLING pushed live, and the order's trace drawn as a picture by
 * the mermaid served from the WebJar (the browser has no internet).
 */
class CheckoutPageBrowserTest extends BrowserTest {

  @Test
  void newcomerPaysAnOrderAndSeesItFulfilledLiveWithItsTraceDrawn() {
    openShop("en");
    placeOrder("SKU-1", 2);
    assertThat(text("order-total")).isEqualTo("¥39.98");

    startPayment("WECHAT_JSAPI");
    click("sheet-confirm");

    awaitStatus("FULFILLING");
    // Only the event stream writes these lines: the page learnt PAID and FULFILLING by push.
    awaitEvent("status PAID");
    awaitEvent("status FULFILLING");
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

    screenshot("checkout-success");
    List<WebElement> errors = browser.findElements(By.cssSelector("#message:not([hidden])"));
    assertThat(errors).allSatisfy(e -> assertThat(e.getAttribute("class")).contains("info"));
  }

  @Test
  void failedPaymentIsPushedAndTheStockComesBack() {
    openShop("en");
    placeOrder("SKU-2", 1);

    startPayment("WECHAT_JSAPI");
    click("sheet-fail");

    awaitStatus("PAYMENT_FAILED");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("order-stock"), "RELEASED"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trace svg")));
  }
}
