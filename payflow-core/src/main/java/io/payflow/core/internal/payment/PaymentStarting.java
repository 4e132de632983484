package io.payflow.core.internal.payment;

import io.payflow.core.OrderNotPayableException;
import io.payflow.core.PaymentStart;
import io.payflow.core.PrepayFailedException;
import io.payflow.core.StartPaymentRequest;
import io.payflow.core.channel.ChannelErrorKind;
import io.payflow.core.channel.ChannelException;
import io.payflow.core.channel.PaymentChannel;
import io.payflow.core.channel.Prepaid;
import io.payflow.core.channel.PrepayRequest;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.internal.flow.Channels;
import io.payflow.core.internal.flow.CloseReason;
import io.payflow.core.internal.flow.EffectDispatch;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.Inputs;
import io.payflow.core.internal.flow.OrderTransactor;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderRecord;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.spi.OrderNumberGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a payment (支付单): checks the request, reuses a still-valid prepay of the same kind, or
 * persists a new payment {@code CREATED} before the channel's prepay and applies the prepay's
 * answer in a second transaction. A prepay the channel refuses leaves the order payable.
 *
 * <p>This class is threadsafe.
 */
public final class PaymentStarting {

  private static final Logger log = LoggerFactory.getLogger(PaymentStarting.class);

  private final OrderTransactor transactor;
  private final Channels channels;
  private final OrderNumberGenerator numbers;
  private final PaymentResults results;
  private final EffectDispatch dispatch;
  private final Clock clock;

  public PaymentStarting(
      OrderTransactor transactor,
      Channels channels,
      OrderNumberGenerator numbers,
      PaymentResults results,
      EffectDispatch dispatch,
      Clock clock) {
    this.transactor = transactor;
    this.channels = channels;
    this.numbers = numbers;
    this.results = results;
    this.dispatch = dispatch;
    this.clock = clock;
  }

  public PaymentStart start(StartPaymentRequest request) {
    Inputs.notNull("request", request);
    String orderNo = Inputs.number("orderNo", request.orderNo());
    Inputs.required("channel", request.channel());
    Inputs.notNull("tradeType", request.tradeType());
    PaymentChannel channel =
        channels
            .find(request.channel())
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "channel",
                        "no payment channel '"
                            + request.channel()
                            + "' (configured: "
                            + channels.ids()
                            + ")"));
    if (request.tradeType() == TradeType.JSAPI && Inputs.isBlank(request.payerId())) {
      throw new InvalidRequestException("payerId", "a JSAPI payment needs the payer's openid");
    }
    if (request.tradeType() == TradeType.H5 && Inputs.isBlank(request.clientIp())) {
      throw new InvalidRequestException("clientIp", "an H5 payment needs the payer's client IP");
    }
    Inputs.maxLength("payerId", request.payerId(), 128);
    Inputs.maxLength("clientIp", request.clientIp(), 45);

    OrderRecord record = transactor.load(orderNo);
    requirePayable(record.order(), clock.instant());
    Optional<PaymentStart> resumed = resume(channel, record, request);
    if (resumed.isPresent()) {
      return resumed.get();
    }

    OrderRecord withPayment =
        dispatch
            .dispatched(
                transactor.transact(
                    record,
                    "start-payment",
                    c -> {
                      requirePayable(c.order(), c.now());
                      String paymentNo = numbers.newPaymentNo(orderNo, c.payments().size() + 1);
                      c.addPayment(
                          new Payment(
                              paymentNo,
                              orderNo,
                              channel.id(),
                              request.tradeType(),
                              c.order().totalAmount(),
                              PaymentStatus.CREATED,
                              request.payerId(),
                              request.clientIp(),
                              Map.of(),
                              null,
                              null,
                              null,
                              c.now(),
                              c.now(),
                              null));
                      c.step(new FlowStep.PaymentRequested(channel.id()));
                    }))
            .record();
    Payment payment = withPayment.payments().get(withPayment.payments().size() - 1);
    Order order = withPayment.order();

    Prepaid prepaid;
    try {
      prepaid =
          channel.prepay(
              new PrepayRequest(
                  payment.paymentNo(),
                  orderNo,
                  payment.tradeType(),
                  payment.amount(),
                  order.description(),
                  order.expiresAt(),
                  payment.payerId(),
                  payment.clientIp()));
    } catch (ChannelException e) {
      throw prepayFailed(channel, payment, e);
    } catch (RuntimeException e) {
      // A channel that breaks its contract: the prepay may or may not have reached the channel.
      throw prepayFailed(
          channel,
          payment,
          new ChannelException(
              ChannelErrorKind.UNKNOWN_OUTCOME,
              null,
              "the channel failed unexpectedly: " + e.getClass().getSimpleName(),
              e));
    }

    String paymentNo = payment.paymentNo();
    OrderRecord after =
        dispatch
            .dispatched(
                transactor.transact(
                    orderNo,
                    "prepay",
                    c -> {
                      Payment current = c.payment(paymentNo);
                      if (current.status() == PaymentStatus.CREATED
                          || current.status() == PaymentStatus.UNKNOWN) {
                        c.movePayment(paymentNo, p -> p.prepaid(prepaid.prepayData(), c.now()));
                        c.step(new FlowStep.PrepayAccepted());
                      } else if (current.status() == PaymentStatus.CLOSED) {
                        // Closed (cancel, expiry) while the prepay was in flight: close it at the
                        // channel too, so that the payer cannot pay what the order no longer takes.
                        c.owe(
                            new OwedEffect.ClosePayment(
                                paymentNo, CloseReason.CLOSED_DURING_PREPAY));
                      } else if (current.status() == PaymentStatus.PREPAY_FAILED) {
                        // Given up while the prepay was in flight (the channel did not know it
                        // yet), and now it landed: close it there, it will not be handed out.
                        c.owe(
                            new OwedEffect.ClosePayment(
                                paymentNo, CloseReason.GIVEN_UP_DURING_PREPAY));
                      }
                      // Anything else (SUCCEEDED: a result overtook the prepay's answer) is newer
                      // than the prepay and is kept.
                    }))
            .record();
    Payment settled = after.payment(paymentNo).orElseThrow();
    // Pay parameters only ever go out for a payment payflow still waits to see paid.
    switch (settled.status()) {
      case PREPAID -> {}
      case CLOSED ->
          throw new OrderNotPayableException(
              orderNo, "it was closed while the payment was starting");
      case PREPAY_FAILED ->
          throw new PrepayFailedException(
              orderNo,
              paymentNo,
              new ChannelException(
                  ChannelErrorKind.NOT_FOUND,
                  null,
                  "payment "
                      + paymentNo
                      + " was given up while its prepay was on its way; start a new one"));
      default ->
          throw new OrderNotPayableException(
              orderNo, "payment " + paymentNo + " is already " + settled.status());
    }
    return new PaymentStart(settled, prepaid.payParams(), false);
  }

  /** A still-prepaid payment of the same kind, re-signed by the channel instead of a new prepay. */
  private Optional<PaymentStart> resume(
      PaymentChannel channel, OrderRecord record, StartPaymentRequest request) {
    List<Payment> payments = record.payments();
    for (int i = payments.size() - 1; i >= 0; i--) {
      Payment p = payments.get(i);
      if (p.status() == PaymentStatus.PREPAID
          && p.channel().equals(channel.id())
          && p.tradeType() == request.tradeType()
          && Objects.equals(p.payerId(), request.payerId())
          && !p.prepayData().isEmpty()) {
        try {
          return Optional.of(new PaymentStart(p, channel.resume(p).payParams(), true));
        } catch (ChannelException e) {
          log.info(
              "payflow cannot resume payment {} ({}); starting a new one", p.paymentNo(), e.kind());
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static void requirePayable(Order order, Instant now) {
    if (order.status() != OrderStatus.PENDING_PAYMENT) {
      throw new OrderNotPayableException(order.orderNo(), "it is " + order.status());
    }
    if (!now.isBefore(order.expiresAt())) {
      throw new OrderNotPayableException(order.orderNo(), "it expired at " + order.expiresAt());
    }
  }

  /** Records a failed prepay and returns what to throw; the order stays payable. */
  private PayFlowException prepayFailed(
      PaymentChannel channel, Payment payment, ChannelException e) {
    String paymentNo = payment.paymentNo();
    String orderNo = payment.orderNo();
    if (e.kind() == ChannelErrorKind.ALREADY_PAID) {
      try {
        Order order =
            dispatch.dispatched(results.apply(channel.query(paymentNo), false)).record().order();
        return new OrderNotPayableException(orderNo, "it is already " + order.status());
      } catch (ChannelException queryFailure) {
        e = queryFailure;
      }
    }
    PaymentStatus to =
        e.kind() == ChannelErrorKind.UNKNOWN_OUTCOME
            ? PaymentStatus.UNKNOWN
            : PaymentStatus.PREPAY_FAILED;
    String code = e.channelCode() != null ? e.channelCode() : e.kind().name();
    String reason = e.getMessage();
    dispatch.dispatched(
        transactor.transact(
            orderNo,
            "prepay-failed",
            c -> {
              Payment current = c.payment(paymentNo);
              if (current.status() != PaymentStatus.CREATED
                      && current.status() != PaymentStatus.UNKNOWN
                  || current.status() == to) {
                return; // a result arrived meanwhile and is newer than this failure
              }
              c.movePayment(
                  paymentNo,
                  p ->
                      to == PaymentStatus.UNKNOWN
                          ? p.unknown(code, reason, c.now())
                          : p.prepayFailed(code, reason, c.now()));
              c.step(new FlowStep.PrepayRefused());
            }));
    return new PrepayFailedException(orderNo, paymentNo, e);
  }
}
