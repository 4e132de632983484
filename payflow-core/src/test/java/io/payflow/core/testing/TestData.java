package io.payflow.core.testing;

import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.PaymentOutcome;
import io.payflow.core.channel.PaymentResult;
import io.payflow.core.channel.RefundResult;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.spi.OrderStore;
import io.payflow.core.trace.TraceEntry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;

/**
 * Values for tests, built in one place so that a change of a record's shape is fixed here and not
 * in every test. Threadsafe (no state).
 */
public final class TestData {

  private TestData() {}

  /** A success of this payment at this time, as a callback says it. */
  public static PaymentResult paidAt(String paymentNo, long amount, Instant paidAt) {
    return new PaymentResult(
        FakeChannel.ID,
        paymentNo,
        PaymentOutcome.SUCCEEDED,
        "SUCCESS",
        "4200000" + paymentNo,
        amount,
        paidAt,
        null,
        PaymentResult.Source.CALLBACK);
  }

  /** A channel's word on a refund. */
  public static RefundResult refundResult(
      String refundNo, String paymentNo, RefundStatus status, String channelState) {
    return new RefundResult(
        refundNo,
        paymentNo,
        status,
        status == RefundStatus.FAILED ? null : "wxr" + refundNo,
        channelState,
        null);
  }

  /** A result of this outcome from a query, with the channel's state and message. */
  public static PaymentResult queried(
      String paymentNo, PaymentOutcome outcome, String channelState, String message) {
    return new PaymentResult(
        FakeChannel.ID,
        paymentNo,
        outcome,
        channelState,
        null,
        -1,
        null,
        message,
        PaymentResult.Source.QUERY);
  }

  /** A success without a payment time, as some channels report it. */
  public static PaymentResult paidWithoutTime(String paymentNo, long amount) {
    return new PaymentResult(
        FakeChannel.ID,
        paymentNo,
        PaymentOutcome.SUCCEEDED,
        "SUCCESS",
        "4200000" + paymentNo,
        amount,
        null,
        null,
        PaymentResult.Source.CALLBACK);
  }

  /** The same result reported for another payment number. */
  public static PaymentResult forPayment(PaymentResult r, String paymentNo) {
    return new PaymentResult(
        r.channel(),
        paymentNo,
        r.outcome(),
        r.channelState(),
        r.transactionId(),
        r.amount(),
        r.paidAt(),
        r.message(),
        r.source());
  }

  /** The order's flow trace as diagram arrows, e.g. {@code PS->>WP: 查询支付结果}. */
  public static List<String> arrows(OrderStore store, String orderNo) {
    return store.loadTrace(orderNo).stream().map(TestData::arrow).toList();
  }

  /** The order's flow trace as arrows with their block, e.g. {@code PS->>WP: 关闭支付订单 @alt:...}. */
  public static List<String> arrowsInBlocks(OrderStore store, String orderNo) {
    return store.loadTrace(orderNo).stream().map(e -> arrow(e) + " @" + e.block()).toList();
  }

  private static String arrow(TraceEntry e) {
    return e.from().alias() + (e.reply() ? "-->>" : "->>") + e.to().alias() + ": " + e.message();
  }

  /** The channel under another id, so that a test can have two channels. */
  public static PaymentChannel renamed(PaymentChannel channel, String id) {
    return (PaymentChannel)
        Proxy.newProxyInstance(
            PaymentChannel.class.getClassLoader(),
            new Class<?>[] {PaymentChannel.class},
            (proxy, method, args) -> {
              if (method.getName().equals("id")) {
                return id;
              }
              try {
                return method.invoke(channel, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** The channel, except that reading any callback throws {@code failure}. */
  public static PaymentChannel throwingOnParse(PaymentChannel channel, RuntimeException failure) {
    return (PaymentChannel)
        Proxy.newProxyInstance(
            PaymentChannel.class.getClassLoader(),
            new Class<?>[] {PaymentChannel.class},
            (proxy, method, args) -> {
              if (method.getName().equals("parseCallback")) {
                throw failure;
              }
              try {
                return method.invoke(channel, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** A result that says nothing about what happened: a channel adapter's bug. */
  public static PaymentResult withoutOutcome(String paymentNo) {
    return new PaymentResult(
        FakeChannel.ID, paymentNo, null, "?", null, -1, null, null, PaymentResult.Source.QUERY);
  }

  /** The channel drawn under another name in the flow diagram. */
  public static PaymentChannel labelled(PaymentChannel channel, String displayName) {
    return (PaymentChannel)
        Proxy.newProxyInstance(
            PaymentChannel.class.getClassLoader(),
            new Class<?>[] {PaymentChannel.class},
            (proxy, method, args) -> {
              if (method.getName().equals("displayName")) {
                return displayName;
              }
              try {
                return method.invoke(channel, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
