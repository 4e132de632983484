package io.payflow.core.internal.order;

import io.payflow.core.CreateOrderRequest;
import io.payflow.core.PayFlowConfig;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.internal.flow.Inputs;
import io.payflow.core.model.OrderLine;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link CreateOrderRequest} before anything is reserved or written, naming the first
 * field that is wrong. The limits follow WeChat Pay v3 where it has one ({@code description} ≤ 127
 * characters) and keep ids to what a store column can hold. This class is threadsafe (no state).
 */
public final class OrderRequests {

  static final int MAX_LINES = 100;
  static final int MAX_USER_ID = 64;
  static final int MAX_SKU = 64;
  static final int MAX_DESCRIPTION = 127;

  /** A request that passed, with the defaults applied and the total computed. */
  public record Valid(
      String userId, List<OrderLine> lines, long total, String description, Duration expireAfter) {}

  private OrderRequests() {}

  public static Valid validate(CreateOrderRequest request, PayFlowConfig config) {
    if (request == null) {
      throw new InvalidRequestException("request", "must not be null");
    }
    String userId = request.userId();
    if (Inputs.isBlank(userId)) {
      throw new InvalidRequestException("userId", "must not be blank");
    }
    if (userId.length() > MAX_USER_ID) {
      throw new InvalidRequestException(
          "userId", "must be at most " + MAX_USER_ID + " characters, was " + userId.length());
    }
    List<OrderLine> lines = request.lines();
    if (lines == null || lines.isEmpty()) {
      throw new InvalidRequestException("lines", "an order needs at least one line");
    }
    if (lines.size() > MAX_LINES) {
      throw new InvalidRequestException(
          "lines", "an order has at most " + MAX_LINES + " lines, was " + lines.size());
    }
    Set<String> skus = new HashSet<>();
    long total = 0;
    for (int i = 0; i < lines.size(); i++) {
      String field = "lines[" + i + "]";
      OrderLine line = lines.get(i);
      if (line == null) {
        throw new InvalidRequestException(field, "must not be null");
      }
      String sku = line.sku();
      if (Inputs.isBlank(sku)) {
        throw new InvalidRequestException(field + ".sku", "must not be blank");
      }
      if (sku.length() > MAX_SKU) {
        throw new InvalidRequestException(
            field + ".sku", "must be at most " + MAX_SKU + " characters, was " + sku.length());
      }
      if (!skus.add(sku)) {
        throw new InvalidRequestException(
            field + ".sku", "sku " + sku + " appears twice; put it on one line with its quantity");
      }
      if (line.quantity() <= 0) {
        throw new InvalidRequestException(
            field + ".quantity", "must be at least 1, was " + line.quantity());
      }
      if (line.unitPrice() <= 0) {
        throw new InvalidRequestException(
            field + ".unitPrice", "must be at least 1 fen, was " + line.unitPrice());
      }
      long amount;
      try {
        amount = line.amount();
      } catch (ArithmeticException e) {
        throw new InvalidRequestException(
            field + ".quantity",
            "quantity " + line.quantity() + " × unitPrice " + line.unitPrice() + " overflows");
      }
      try {
        total = Math.addExact(total, amount);
      } catch (ArithmeticException e) {
        throw new InvalidRequestException(
            field + ".unitPrice", "the order total overflows when this line is added");
      }
    }
    String description = request.description();
    if (description == null) {
      description = defaultDescription(lines);
    } else if (Inputs.isBlank(description)) {
      throw new InvalidRequestException("description", "must not be blank (null for a default)");
    } else if (description.length() > MAX_DESCRIPTION) {
      throw new InvalidRequestException(
          "description",
          "must be at most " + MAX_DESCRIPTION + " characters, was " + description.length());
    }
    Duration expireAfter = request.expireAfter();
    if (expireAfter == null) {
      expireAfter = config.orderExpireAfter();
    } else if (expireAfter.isZero() || expireAfter.isNegative()) {
      throw new InvalidRequestException(
          "expireAfter", "must be a positive duration, was " + expireAfter);
    } else if (expireAfter.compareTo(PayFlowConfig.MAX_ORDER_EXPIRE_AFTER) > 0) {
      throw new InvalidRequestException(
          "expireAfter",
          "must be at most " + PayFlowConfig.MAX_ORDER_EXPIRE_AFTER + ", was " + expireAfter);
    }
    return new Valid(userId, List.copyOf(lines), total, description, expireAfter);
  }

  private static String defaultDescription(List<OrderLine> lines) {
    OrderLine first = lines.get(0);
    String text =
        lines.size() == 1
            ? first.sku() + " ×" + first.quantity()
            : first.sku() + " 等" + lines.size() + "件商品";
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) : text;
  }
}
