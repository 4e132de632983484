package io.payflow.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.OrderDetails;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.model.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainJavaShopTest {

  @Test
  void mainSellsOneOrderPaysItThroughTheSimulatorAndPrintsWhatHappened() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      PlainJavaShop.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(printed)
        .contains("created: 1999 fen, PENDING_PAYMENT")
        .contains("scan weixin://")
        .contains("callback was answered")
        .contains("acknowledged")
        .containsPattern("order \\d+ is (PAID|FULFILLING); TEA-1 stock 9 available, 1 sold")
        .contains("sms to buyer-1: PAYMENT_SUCCEEDED")
        .contains("fulfilment started for")
        .contains("sequenceDiagram");
  }

  @Test
  void theOrderEndsPaidWithItsStockDeductedAndEveryEffectDone() throws Exception {
    OrderDetails details =
        PlainJavaShop.run(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(details.order().status()).isIn(OrderStatus.PAID, OrderStatus.FULFILLING);
    assertThat(details.payments())
        .singleElement()
        .satisfies(p -> assertThat(p.amount()).isEqualTo(1999));
    assertThat(details.effects()).isNotEmpty().allMatch(e -> e.status() == EffectStatus.DONE);
  }
}
