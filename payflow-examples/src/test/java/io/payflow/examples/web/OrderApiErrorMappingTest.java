package io.payflow.examples.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
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
import io.payflow.examples.push.PushConfiguration;
import io.payflow.examples.shop.ShopConfiguration;
import io.payflow.jdbc.JdbcInventoryService;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
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

  @Test
  void unknownPayflowCodeIs500KeepingTheCode() throws Exception {
    // a code the demo maps to no status of its own
    given(payFlow.startPayment(any()))
        .willThrow(new PayFlowException(PayFlowErrorCode.UNKNOWN_CHANNEL, "new"));

    mvc.perform(json(post("/api/orders/O1/payments"), PAY))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.code").value("UNKNOWN_CHANNEL"));
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
