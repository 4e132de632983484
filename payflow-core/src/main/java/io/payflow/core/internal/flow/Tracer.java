package io.payflow.core.internal.flow;

import io.payflow.core.spi.NotificationType;
import io.payflow.core.spi.Notifier;
import io.payflow.core.trace.Participant;
import io.payflow.core.trace.TraceEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns {@link FlowStep}s (of committed changes and of effects that ran) into trace entries, in the
 * reference diagram's words ({@code order-payment-flow.md}), so that the trace of an order reads
 * like it with only the branches the order took. The channel's name in a message ("调用微信支付统一下单") is
 * the channel's own {@code displayName()}.
 *
 * <p>Block conventions (see {@link io.payflow.core.trace.MermaidRenderer}): everything after
 * creation lies in {@code alt:订单创建成功}; the prepay answer in {@code alt:微信下单成功} or {@code
 * else:微信下单失败}; the payment result in {@code alt:支付成功} or {@code else:支付失败} below the prepay's
 * success; the effects of a success in {@code par:并行处理}, one {@code and:<lane>} section per effect.
 * Closing, late payments and refunds have blocks of their own below {@code alt:订单创建成功}.
 *
 * <p>This class is threadsafe (it has no mutable state).
 */
public final class Tracer {

  static final String CREATED = "alt:订单创建成功";
  static final String PREPAY_OK = CREATED + "/alt:微信下单成功";
  static final String PREPAY_FAILED = CREATED + "/else:微信下单失败";
  static final String PAY_OK = PREPAY_OK + "/alt:支付成功";
  static final String PAY_FAILED = PREPAY_OK + "/else:支付失败";
  static final String PARALLEL = PAY_OK + "/par:并行处理";
  static final String CLOSING = CREATED + "/alt:订单关闭";
  static final String LATE = CREATED + "/alt:迟到的支付";
  static final String REFUND = CREATED + "/alt:退款";

  private static final Participant U = Participant.USER;
  private static final Participant FE = Participant.FRONTEND;
  private static final Participant API = Participant.API_GATEWAY;
  private static final Participant OS = Participant.ORDER_SERVICE;
  private static final Participant PS = Participant.PAYMENT_SERVICE;
  private static final Participant WP = Participant.PAYMENT_CHANNEL;
  private static final Participant NS = Participant.NOTIFICATION_SERVICE;

  private final UnaryOperator<String> channelLabel;

  /**
   * @param channelLabel the display name of a channel by its id (e.g. {@code wechat} → 微信支付)
   */
  public Tracer(UnaryOperator<String> channelLabel) {
    this.channelLabel = channelLabel;
  }

  /** The entries of these steps, in order, all at {@code at}. */
  public List<TraceEntry> entries(List<FlowStep> steps, Instant at) {
    List<TraceEntry> out = new ArrayList<>();
    Lines lines = new Lines(out, at);
    for (FlowStep step : steps) {
      draw(step, lines);
    }
    return out;
  }

  /** The entries of one step at {@code at}. */
  public List<TraceEntry> entries(FlowStep step, Instant at) {
    return entries(List.of(step), at);
  }

  private void draw(FlowStep step, Lines l) {
    if (step instanceof FlowStep.OrderCreated) {
      l.call(API, OS, "创建订单", "")
          .call(OS, OS, "验证商品库存和价格", CREATED)
          .call(OS, OS, "生成订单号", CREATED)
          .reply(OS, API, "返回订单信息", CREATED);
    } else if (step instanceof FlowStep.PaymentRequested s) {
      l.call(API, PS, "发起支付请求", CREATED)
          .call(PS, PS, "生成支付单号", CREATED)
          .call(PS, WP, "调用" + channelLabel.apply(s.channel()) + "统一下单", CREATED);
    } else if (step instanceof FlowStep.PrepayAccepted) {
      l.reply(WP, PS, "返回支付参数", PREPAY_OK).reply(PS, API, "返回支付参数", PREPAY_OK);
    } else if (step instanceof FlowStep.PrepayRefused) {
      l.reply(WP, PS, "返回错误信息", PREPAY_FAILED).reply(PS, API, "返回支付失败", PREPAY_FAILED);
    } else if (step instanceof FlowStep.ResultArrived s) {
      if (s.source() == io.payflow.core.channel.PaymentResult.Source.QUERY) {
        l.call(PS, WP, "查询支付结果", PREPAY_OK).reply(WP, PS, "返回支付结果", PREPAY_OK);
      } else {
        l.call(WP, PS, "支付结果回调", PREPAY_OK);
      }
    } else if (step instanceof FlowStep.OrderPaid s) {
      l.call(PS, OS, "更新订单状态为已支付", PAY_OK).call(OS, OS, "扣减库存", PAY_OK);
      if (s.notifying()) {
        l.call(OS, NS, "发送支付成功通知", PAY_OK);
      }
    } else if (step instanceof FlowStep.OrderPaymentFailed) {
      l.call(PS, OS, "更新订单状态为支付失败", PAY_FAILED).call(OS, OS, "释放锁定库存", PAY_FAILED);
    } else if (step instanceof FlowStep.LatePaymentRecorded s) {
      l.call(PS, PS, "记录迟到的支付", LATE);
      if (s.refunding()) {
        l.call(PS, PS, "生成退款单号", LATE);
      }
    } else if (step instanceof FlowStep.CallbackAcknowledged s) {
      l.reply(PS, WP, "确认回调处理成功", block(s.branch()));
    } else if (step instanceof FlowStep.PaymentClosed s) {
      l.call(PS, WP, "关闭支付订单", s.superseded() ? lane("close-" + s.paymentNo()) : CLOSING);
    } else if (step instanceof FlowStep.OrderClosed) {
      l.call(OS, OS, "更新订单状态为已关闭", CLOSING).call(OS, OS, "释放锁定库存", CLOSING);
    } else if (step instanceof FlowStep.RefundRequested) {
      l.call(API, PS, "申请退款", REFUND).call(PS, PS, "生成退款单号", REFUND);
    } else if (step instanceof FlowStep.RefundAnswered s) {
      String block = s.late() ? LATE : REFUND;
      if (s.callback()) {
        l.call(WP, PS, "退款结果回调", block);
      } else {
        l.call(PS, WP, "调用" + channelLabel.apply(s.channel()) + "退款", block)
            .reply(WP, PS, "返回退款结果", block);
      }
    } else if (step instanceof FlowStep.OrderRefunded s) {
      l.call(PS, OS, s.fully() ? "更新订单状态为已退款" : "更新订单状态为部分退款", REFUND);
    } else if (step instanceof FlowStep.OrderRestored) {
      l.call(PS, OS, "退款失败，恢复订单状态", REFUND);
    } else if (step instanceof FlowStep.FulfillmentStarted s) {
      String lane = lane("fulfillment");
      l.call(OS, OS, "触发发货流程", lane);
      if (s.fulfilling()) {
        l.call(OS, OS, "更新订单状态为发货中", lane);
      }
    } else if (step instanceof FlowStep.Notified s) {
      l.call(
          NS,
          s.audience() == Notifier.Audience.FRONTEND ? FE : U,
          notificationMessage(s.type(), s.audience()),
          notificationBlock(s.type(), s.notifier()));
    }
  }

  private static String block(FlowStep.Branch branch) {
    return switch (branch) {
      case PAYMENT_SUCCEEDED -> PAY_OK;
      case PAYMENT_FAILED -> PAY_FAILED;
      case LATE_PAYMENT -> LATE;
      case REFUND -> REFUND;
      case CLOSING -> CLOSING;
    };
  }

  /** The section of the {@code par} block an effect of a success runs in. */
  static String lane(String name) {
    return PARALLEL + "/and:" + name.replace('/', '_');
  }

  /** Where a notification of this type is drawn. */
  static String notificationBlock(NotificationType type, String notifier) {
    return switch (type) {
      case PAYMENT_SUCCEEDED -> lane("notify-" + notifier);
      case PAYMENT_FAILED -> PAY_FAILED;
      case ORDER_CLOSED -> CLOSING;
      case REFUNDED -> REFUND;
    };
  }

  /** The reference diagram's words for a notification reaching its audience. */
  static String notificationMessage(NotificationType type, Notifier.Audience audience) {
    boolean user = audience == Notifier.Audience.USER;
    return switch (type) {
      case PAYMENT_SUCCEEDED -> user ? "发送支付成功短信" : "推送支付成功消息";
      case PAYMENT_FAILED -> user ? "发送支付失败通知" : "推送支付失败消息";
      case ORDER_CLOSED -> user ? "发送订单关闭通知" : "推送订单关闭消息";
      case REFUNDED -> user ? "发送退款成功通知" : "推送退款成功消息";
    };
  }

  /** Appends entries at one instant. */
  private record Lines(List<TraceEntry> out, Instant at) {
    Lines call(Participant from, Participant to, String message, String block) {
      out.add(new TraceEntry(at, from, to, message, false, block));
      return this;
    }

    Lines reply(Participant from, Participant to, String message, String block) {
      out.add(new TraceEntry(at, from, to, message, true, block));
      return this;
    }
  }
}
