package io.payflow.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.payflow.core.IllegalTransitionException;
import io.payflow.core.NotFoundException;
import io.payflow.core.OrderNotPayableException;
import io.payflow.core.PayFlow;
import io.payflow.core.PrepayFailedException;
import io.payflow.core.StalePriceException;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.error.ConcurrentUpdateException;
import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.spi.OrderStore;
import io.payflow.examples.push.PushConfiguration;
import io.payflow.examples.shop.ShopConfiguration;
import io.payflow.jdbc.JdbcInventoryService;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every error code of the demo API, each from the payflow exception that causes it: the mapping
 * from {@code PayFlowException.code()} to HTTP status and {@code {"code","message"}} body. The real
 * flow behind these answers is exercised end to end in {@code DemoShopApiTest}.
 */
@WebMvcTest(controllers = {OrderController.class, ProductController.class})
@Import({ShopConfiguration.class, PushConfiguration.class, ApiExceptionHandler.class})
class OrderApiErrorMappingTest {

  private static final String ORDER =
      "{\"userId\":\"u1\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}";
  private static final String PAY = "{\"channel\":\"WECHAT_JSAPI\",\"openId\":\"o-1\"}";

  @Autowired MockMvc mvc;
  @MockitoBean PayFlow payFlow;
  @MockitoBean JdbcInventoryService inventory;
  @MockitoBean OrderStore store;

  @Test
  void insufficientStockIs409WithPayflowCode() throws Exception {
    given(payFlow.createOrder(any())).willThrow(new InsufficientStockException("SKU-1", 3, 1));

    mvc.perform(json(post("/api/orders"), ORDER))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("INSUFFICIENT_STOCK"))
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("wanted 3")));
  }

  @Test
  void stalePriceIs409() throws Exception {
    given(payFlow.createOrder(any())).willThrow(new StalePriceException("SKU-1", 1999, 2599));

    mvc.perform(json(post("/api/orders"), ORDER))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("STALE_PRICE"));
  }

  @Test
  void invalidRequestIs400NamingTheFieldAsTheClientSentIt() throws Exception {
    given(payFlow.createOrder(any()))
        .willThrow(new InvalidRequestException("lines[0].quantity", "must be at least 1"));

    mvc.perform(json(post("/api/orders"), ORDER))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_REQUEST"))
        .andExpect(jsonPath("$.field").value("items[0].quantity"))
        .andExpect(jsonPath("$.message").value("items[0].quantity: must be at least 1"));
  }

  @Test
  void missingItemFieldIs400BeforePayflowIsCalled() throws Exception {
    mvc.perform(json(post("/api/orders"), "{\"userId\":\"u1\",\"items\":[{\"sku\":\"SKU-1\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("items[0].quantity"));
  }

  @Test
  void bodyThatIsNotJsonIs400() throws Exception {
    mvc.perform(json(post("/api/orders"), "{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_REQUEST"));
  }

  @Test
  void unknownPaymentChannelIs400NamingChannel() throws Exception {
    mvc.perform(json(post("/api/orders/O1/payments"), "{\"channel\":\"ALIPAY\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("channel"));
  }

  @Test
  void prepayRefusedByWechatIs502WithTheReason() throws Exception {
    given(payFlow.startPayment(any()))
        .willThrow(
            new PrepayFailedException(
                "O1",
                "P1",
                new ChannelException(ChannelErrorKind.REJECTED, "PARAM_ERROR", "appid mismatch")));

    mvc.perform(json(post("/api/orders/O1/payments"), PAY))
        .andExpect(status().isBadGateway())
        .andExpect(jsonPath("$.code").value("PREPAY_FAILED"))
        .andExpect(
            jsonPath("$.message").value(org.hamcrest.Matchers.containsString("appid mismatch")))
        .andExpect(
            jsonPath("$.message").value(org.hamcrest.Matchers.containsString("PARAM_ERROR")));
  }

  @Test
  void paymentOfUnknownOrderIs404() throws Exception {
    given(payFlow.startPayment(any())).willThrow(new NotFoundException("order", "O404"));

    mvc.perform(json(post("/api/orders/O404/payments"), PAY))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void paymentOfOrderThatCannotBePaidIs409() throws Exception {
    given(payFlow.startPayment(any())).willThrow(new OrderNotPayableException("O1", "it is PAID"));

    mvc.perform(json(post("/api/orders/O1/payments"), PAY))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("ORDER_NOT_PAYABLE"));
  }

  @Test
  void illegalTransitionAndConcurrentUpdateAre409() throws Exception {
    given(payFlow.startPayment(any()))
        .willThrow(
            new IllegalTransitionException("order", "O1", OrderStatus.CLOSED, OrderStatus.PAID))
        .willThrow(new ConcurrentUpdateException("O1", 3));

    mvc.perform(json(post("/api/orders/O1/payments"), PAY))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("ILLEGAL_TRANSITION"));
    mvc.perform(json(post("/api/orders/O1/payments"), PAY))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("CONCURRENT_UPDATE"));
  }

  @ParameterizedTest
  @EnumSource(PayFlowErrorCode.class)
  void everyPayflowCodeHasAStatusOfItsOwnAndNoneIs500(PayFlowErrorCode code) throws Exception {
    given(payFlow.startPayment(any())).willThrow(new PayFlowException(code, "because " + code));

    mvc.perform(json(post("/api/orders/O1/payments"), PAY))
        .andExpect(status().is(ApiExceptionHandler.status(code).value()))
        .andExpect(jsonPath("$.code").value(code.name()))
        .andExpect(jsonPath("$.message").value("because " + code));
    assertThat(ApiExceptionHandler.status(code)).isNotEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
  }

  @Test
  void aMisconfiguredShopIs503AndAChannelThatDidNotAnswerIs504() throws Exception {
    given(payFlow.startPayment(any()))
        .willThrow(new PayFlowException(PayFlowErrorCode.UNKNOWN_CHANNEL, "no channel 'alipay'"));
    given(payFlow.cancel(any(), any()))
        .willThrow(new ChannelException(ChannelErrorKind.UNKNOWN_OUTCOME, null, "read timed out"));

    mvc.perform(json(post("/api/orders/O1/payments"), PAY))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.code").value("UNKNOWN_CHANNEL"));
    mvc.perform(post("/api/orders/O1/cancel"))
        .andExpect(status().isGatewayTimeout())
        .andExpect(jsonPath("$.code").value("CHANNEL_UNKNOWN_OUTCOME"));
  }

  @Test
  void cancellingAPaidOrderIs409AndWechatBusyIs503() throws Exception {
    given(payFlow.cancel(eq("O1"), any()))
        .willThrow(
            new IllegalTransitionException(
                "order", "O1", OrderStatus.FULFILLING, OrderStatus.CLOSED));
    given(payFlow.cancel(eq("O2"), any()))
        .willThrow(new ChannelException(ChannelErrorKind.RETRY_LATER, "SYSTEM_ERROR", "系统错误"));

    mvc.perform(json(post("/api/orders/O1/cancel"), "{\"reason\":\"changed my mind\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("ILLEGAL_TRANSITION"));
    mvc.perform(post("/api/orders/O2/cancel"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.code").value("CHANNEL_RETRY_LATER"));
  }

  @Test
  void cancelWithoutABodyRecordsTheDefaultReason() throws Exception {
    given(payFlow.cancel(any(), any())).willThrow(new NotFoundException("order", "O404"));

    mvc.perform(post("/api/orders/O404/cancel"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    then(payFlow).should().cancel("O404", OrderController.DEFAULT_CANCEL_REASON);
  }

  @Test
  void refundWithoutAnAmountIs400BeforePayflowIsCalled() throws Exception {
    mvc.perform(json(post("/api/orders/O1/refunds"), "{\"reason\":\"broken\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_REQUEST"))
        .andExpect(jsonPath("$.field").value("amount"));
    then(payFlow).shouldHaveNoInteractions();
  }

  @Test
  void refundOfMoreThanIsLeftIs400AndOfAnUnpaidOrderIs409() throws Exception {
    given(payFlow.refund(eq("O1"), eq(5000L), any()))
        .willThrow(
            new InvalidRequestException(
                "amount", "5000 fen is more than is left to refund (3998 fen)"));
    given(payFlow.refund(eq("O2"), eq(100L), any()))
        .willThrow(
            new IllegalTransitionException(
                "order", "O2", OrderStatus.PENDING_PAYMENT, OrderStatus.REFUNDING));

    mvc.perform(json(post("/api/orders/O1/refunds"), "{\"amount\":5000,\"reason\":\"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("amount"))
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("3998")));
    mvc.perform(json(post("/api/orders/O2/refunds"), "{\"amount\":100}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("ILLEGAL_TRANSITION"));
    then(payFlow).should().refund("O2", 100L, OrderController.DEFAULT_REFUND_REASON);
  }

  @Test
  void anOrderPageOutOfRangeIs400NamingTheParameter() throws Exception {
    mvc.perform(get("/api/orders?size=0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("size"));
    mvc.perform(get("/api/orders?size=101"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("size"));
    mvc.perform(get("/api/orders?page=-1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("page"));
    mvc.perform(get("/api/orders?page=two"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_REQUEST"))
        .andExpect(jsonPath("$.field").value("page"));
  }

  @Test
  void theQrCodeOfAnUnknownOrderIs404() throws Exception {
    given(payFlow.find("O404")).willReturn(Optional.empty());

    mvc.perform(get("/api/orders/O404/payments/O404P1/qr"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void unknownOrderIs404OnDetailsTraceAndEvents() throws Exception {
    given(payFlow.find("O404")).willReturn(Optional.empty());
    given(payFlow.traceDiagram("O404")).willThrow(new NotFoundException("order", "O404"));

    mvc.perform(get("/api/orders/O404"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    mvc.perform(get("/api/orders/O404/trace"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    mvc.perform(get("/api/orders/O404/events").accept(MediaType.TEXT_EVENT_STREAM))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  private static MockHttpServletRequestBuilder json(
      MockHttpServletRequestBuilder request, String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }
}
