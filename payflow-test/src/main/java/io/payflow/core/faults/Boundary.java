package io.payflow.core.faults;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A call payflow makes across one of its SPIs, where a fault can be injected. Store boundaries are
 * matched by method name, so the harness outlives changes of the SPI's signatures; a boundary whose
 * method an SPI does not have is simply never reached.
 */
public enum Boundary {
  INVENTORY_RESERVE,
  INVENTORY_CONFIRM,
  INVENTORY_RELEASE,
  STORE_INSERT,
  STORE_UPDATE,
  STORE_CLAIM_EFFECTS,
  STORE_COMPLETE_EFFECT,
  STORE_RETRY_EFFECT,
  STORE_PARK_EFFECT,
  STORE_CLAIM_DUE_WORK,
  STORE_DEFER_DUE_WORK,
  CHANNEL_PREPAY,
  CHANNEL_QUERY,
  CHANNEL_CLOSE,
  CHANNEL_REFUND,
  CHANNEL_QUERY_REFUND,
  CHANNEL_PARSE_CALLBACK,
  NOTIFIER_SMS,
  NOTIFIER_PUSH,
  FULFILLMENT;

  /** The boundary of a call to an {@code OrderStore} method, or null for a plain read. */
  static @Nullable Boundary ofStoreMethod(String method) {
    return switch (method) {
      case "insert" -> STORE_INSERT;
      case "update" -> STORE_UPDATE;
      case "claimDueEffects", "claimEffects" -> STORE_CLAIM_EFFECTS;
      case "completeEffect" -> STORE_COMPLETE_EFFECT;
      case "retryEffectLater" -> STORE_RETRY_EFFECT;
      case "parkEffect" -> STORE_PARK_EFFECT;
      case "claimDueWork" -> STORE_CLAIM_DUE_WORK;
      case "deferDueWork" -> STORE_DEFER_DUE_WORK;
      default -> null;
    };
  }

  /** The boundary of a call to an {@code InventoryService} method. */
  static @Nullable Boundary ofInventoryMethod(String method) {
    return switch (method) {
      case "reserve" -> INVENTORY_RESERVE;
      case "confirm" -> INVENTORY_CONFIRM;
      case "release" -> INVENTORY_RELEASE;
      default -> null;
    };
  }

  /** The boundary of a call to a {@code PaymentChannel} method; resume is local, not a call. */
  static @Nullable Boundary ofChannelMethod(String method) {
    return switch (method) {
      case "prepay" -> CHANNEL_PREPAY;
      case "query" -> CHANNEL_QUERY;
      case "close" -> CHANNEL_CLOSE;
      case "refund" -> CHANNEL_REFUND;
      case "queryRefund" -> CHANNEL_QUERY_REFUND;
      case "parseCallback" -> CHANNEL_PARSE_CALLBACK;
      default -> null;
    };
  }

  /** The boundary of a notifier's send. */
  static Boundary ofNotifier(String name) {
    return valueOf("NOTIFIER_" + name.toUpperCase(Locale.ROOT));
  }

  /** Whether this boundary is a call to the channel (faults there are channel timeouts). */
  boolean isChannel() {
    return name().startsWith("CHANNEL_");
  }
}
