package io.payflow.core;

import io.payflow.core.model.OrderLine;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request to create an order. Validated by {@link PayFlow#createOrder}, which names the field
 * that is wrong.
 *
 * @param userId the buyer, at most 64 characters
 * @param lines what is bought, 1 to 100 lines, each sku at most once
 * @param description the text the payer sees at the channel, at most 127 characters; null for a
 *     default built from the lines
 * @param expireAfter how long the order stays payable; null for the configured default
 */
public record CreateOrderRequest(
    String userId,
    List<OrderLine> lines,
    @Nullable String description,
    @Nullable Duration expireAfter) {

  /** A request with the default description and expiry. */
  public static CreateOrderRequest of(String userId, List<OrderLine> lines) {
    return new CreateOrderRequest(userId, lines, null, null);
  }
}
