package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.memory.InMemoryInventoryService;
import io.payflow.core.memory.InMemoryPriceCatalog;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flow diagram draws the payment channel under the channel's own name. */
class DiagramLabelTest {

  private static PayFlow flow(OrderStore store, io.payflow.core.channel.PaymentChannel channel) {
    return PayFlow.builder()
        .orderStore(store)
        .inventory(new InMemoryInventoryService().stock("SKU-1", 9))
        .priceCatalog(new InMemoryPriceCatalog().price("SKU-1", 1_000))
        .channel(channel)
        .build();
  }

  private static Order order(PayFlow flow) {
    return flow.createOrder(CreateOrderRequest.of("u", List.of(new OrderLine("SKU-1", 1, 1_000))));
  }

  @Test
  void channelIsDrawnUnderItsNameOrUnderTheReferenceLabelWhenItHasNone() {
    OrderStore store = new io.payflow.core.memory.InMemoryOrderStore();
    try (PayFlow named = flow(store, TestData.labelled(new FakeChannel(), "WeChat Pay"));
        PayFlow unnamed = flow(store, TestData.labelled(new FakeChannel(), " "));
        PayFlow elsewhere = flow(store, TestData.renamed(new FakeChannel(), "alipay"))) {
      Order paying = order(named);
      named.startPayment(
          new StartPaymentRequest(paying.orderNo(), FakeChannel.ID, TradeType.NATIVE, null, null));
      Order fresh = order(named);

      assertThat(named.traceDiagram(paying.orderNo())).contains("participant WP as WeChat Pay\n");
      assertThat(named.traceDiagram(fresh.orderNo())).contains("participant WP as WeChat Pay\n");
      assertThat(unnamed.traceDiagram(paying.orderNo())).contains("participant WP as 微信支付\n");
      assertThat(elsewhere.traceDiagram(paying.orderNo())).contains("participant WP as wechat\n");
      assertThat(elsewhere.traceDiagram(fresh.orderNo())).contains("participant WP as 微信支付\n");
    }
  }
}
