package io.payflow.jdbc.internal;

import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.model.Order;
import io.payflow.core.model.OrderLine;
import io.payflow.core.model.OrderStatus;
import io.payflow.core.model.Payment;
import io.payflow.core.model.PaymentStatus;
import io.payflow.core.model.Refund;
import io.payflow.core.model.RefundStatus;
import io.payflow.core.model.TradeType;
import io.payflow.core.trace.Participant;
import io.payflow.core.trace.TraceEntry;
import io.payflow.jdbc.CorruptDataException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads payflow's records from result sets, refusing what payflow never writes: an unknown status
 * or type, a map that is not JSON, a missing time. Every refusal names the order.
 *
 * <p>This class is threadsafe.
 */
final class Rows {

  /** The columns of an order row, as {@link #order} reads them. */
  static final String ORDER_COLUMNS =
      "o.order_no, o.user_id, o.total_amount, o.description, o.status, o.version, o.created_at,"
          + " o.expires_at, o.paid_at, o.closed_at, o.fulfillment_started_at, o.refunded_amount,"
          + " o.failure_reason, o.line_count, o.payment_count, o.refund_count";

  static final String PAYMENT_COLUMNS =
      "p.payment_no, p.order_no, p.channel, p.trade_type, p.amount, p.status, p.payer_id,"
          + " p.client_ip, p.prepay_data, p.transaction_id, p.failure_code, p.failure_reason,"
          + " p.created_at, p.updated_at, p.paid_at, p.order_version";

  static final String REFUND_COLUMNS =
      "r.refund_no, r.order_no, r.payment_no, r.amount, r.reason, r.status, r.kind,"
          + " r.channel_refund_id, r.failure_reason, r.created_at, r.updated_at, r.completed_at,"
          + " r.order_version";

  static final String EFFECT_COLUMNS =
      "e.seq, e.effect_id, e.order_no, e.type, e.target, e.data, e.status, e.attempts,"
          + " e.next_attempt_at, e.last_error, e.created_at, e.updated_at, e.lease_until,"
          + " e.lease_token";

  private Rows() {}

  /** The counts an order row keeps of its children. */
  record Counts(int lines, int payments, int refunds) {}

  static Counts counts(ResultSet rs) throws SQLException {
    return new Counts(
        rs.getInt("line_count"), rs.getInt("payment_count"), rs.getInt("refund_count"));
  }

  /** The columns of one order row, read before its lines. */
  record OrderRow(
      String orderNo,
      String userId,
      long totalAmount,
      String description,
      OrderStatus status,
      long version,
      Instant createdAt,
      Instant expiresAt,
      @Nullable Instant paidAt,
      @Nullable Instant closedAt,
      @Nullable Instant fulfillmentStartedAt,
      long refundedAmount,
      @Nullable String failureReason,
      Counts counts) {

    Order toOrder(List<OrderLine> lines) {
      return Models.order(
          orderNo,
          userId,
          lines,
          totalAmount,
          description,
          status,
          version,
          createdAt,
          expiresAt,
          paidAt,
          closedAt,
          fulfillmentStartedAt,
          refundedAmount,
          failureReason);
    }
  }

  static OrderRow orderRow(ResultSet rs) throws SQLException {
    String orderNo = rs.getString("order_no");
    return new OrderRow(
        orderNo,
        rs.getString("user_id"),
        rs.getLong("total_amount"),
        rs.getString("description"),
        enumOf(OrderStatus.class, rs.getString("status"), orderNo, "order status"),
        rs.getLong("version"),
        required(rs, "created_at", orderNo),
        required(rs, "expires_at", orderNo),
        Codec.instant(rs, "paid_at"),
        Codec.instant(rs, "closed_at"),
        Codec.instant(rs, "fulfillment_started_at"),
        rs.getLong("refunded_amount"),
        rs.getString("failure_reason"),
        counts(rs));
  }

  static OrderLine line(ResultSet rs) throws SQLException {
    return new OrderLine(rs.getString("sku"), rs.getInt("quantity"), rs.getLong("unit_price"));
  }

  static Payment payment(ResultSet rs) throws SQLException {
    String orderNo = rs.getString("order_no");
    String paymentNo = rs.getString("payment_no");
    Map<String, String> prepayData = Codec.map(rs.getString("prepay_data"));
    if (prepayData == null) {
      throw new CorruptDataException(
          orderNo, "prepay_data of payment " + paymentNo + " is not a JSON object of strings");
    }
    return new Payment(
        paymentNo,
        orderNo,
        rs.getString("channel"),
        enumOf(TradeType.class, rs.getString("trade_type"), orderNo, "trade type of " + paymentNo),
        rs.getLong("amount"),
        enumOf(PaymentStatus.class, rs.getString("status"), orderNo, "status of " + paymentNo),
        rs.getString("payer_id"),
        rs.getString("client_ip"),
        prepayData,
        rs.getString("transaction_id"),
        rs.getString("failure_code"),
        rs.getString("failure_reason"),
        required(rs, "created_at", orderNo),
        required(rs, "updated_at", orderNo),
        Codec.instant(rs, "paid_at"));
  }

  static Refund refund(ResultSet rs) throws SQLException {
    String orderNo = rs.getString("order_no");
    String refundNo = rs.getString("refund_no");
    return Models.refund(
        refundNo,
        orderNo,
        rs.getString("payment_no"),
        rs.getLong("amount"),
        rs.getString("reason"),
        enumOf(RefundStatus.class, rs.getString("status"), orderNo, "status of " + refundNo),
        rs.getString("channel_refund_id"),
        rs.getString("failure_reason"),
        required(rs, "created_at", orderNo),
        required(rs, "updated_at", orderNo),
        Codec.instant(rs, "completed_at"),
        rs.getString("kind"));
  }

  static Effect effect(ResultSet rs) throws SQLException {
    String orderNo = rs.getString("order_no");
    String id = rs.getString("effect_id");
    Map<String, String> data = Codec.map(rs.getString("data"));
    if (data == null) {
      throw new CorruptDataException(
          orderNo, "data of effect " + id + " is not a JSON object of strings");
    }
    return new Effect(
        id,
        orderNo,
        enumOf(EffectType.class, rs.getString("type"), orderNo, "type of effect " + id),
        rs.getString("target"),
        data,
        enumOf(EffectStatus.class, rs.getString("status"), orderNo, "status of effect " + id),
        rs.getInt("attempts"),
        required(rs, "next_attempt_at", orderNo),
        rs.getString("last_error"),
        required(rs, "created_at", orderNo),
        required(rs, "updated_at", orderNo));
  }

  static TraceEntry trace(ResultSet rs, String orderNo) throws SQLException {
    return new TraceEntry(
        required(rs, "occurred_at", orderNo),
        enumOf(Participant.class, rs.getString("from_party"), orderNo, "trace participant"),
        enumOf(Participant.class, rs.getString("to_party"), orderNo, "trace participant"),
        rs.getString("message"),
        rs.getBoolean("reply"),
        rs.getString("block_path"));
  }

  static Instant required(ResultSet rs, String column, String orderNo) throws SQLException {
    Instant value = Codec.instant(rs, column);
    if (value == null) {
      throw new CorruptDataException(orderNo, column + " is empty");
    }
    return value;
  }

  static <E extends Enum<E>> E enumOf(
      Class<E> type, @Nullable String name, String orderNo, String what) {
    if (name != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(name)) {
          return constant;
        }
      }
    }
    throw new CorruptDataException(
        orderNo, what + " '" + name + "' is not a " + type.getSimpleName() + " payflow knows");
  }
}
