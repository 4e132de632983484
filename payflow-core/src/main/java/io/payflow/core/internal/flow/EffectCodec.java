package io.payflow.core.internal.flow;

import io.payflow.core.effect.Effect;
import io.payflow.core.effect.EffectStatus;
import io.payflow.core.effect.EffectType;
import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.spi.NotificationType;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts a typed {@link OwedEffect} to the fields an {@code OrderStore} keeps (type, target,
 * data, and the id that is its idempotency key) and back. The stored form is the one payflow has
 * always written: {@code orderNo/TYPE/target/why}, the target a notifier name, payment number or
 * refund number, and data {@code notification=TYPE} or {@code why=reason}.
 *
 * <p>This class is threadsafe (it has no state).
 */
public final class EffectCodec {

  private static final String ORDER = "order";
  private static final String NOTIFICATION = "notification";
  private static final String WHY = "why";
  private static final String REFUNDED_PREFIX = NotificationType.REFUNDED.name() + ":";

  private EffectCodec() {}

  /** The stored effect owed by {@code orderNo}, {@code PENDING} and due at {@code now}. */
  public static Effect encode(String orderNo, OwedEffect owed, Instant now) {
    EffectType type;
    @Nullable String target = null;
    String why;
    Map<String, String> data = Map.of();
    if (owed instanceof OwedEffect.ConfirmStock) {
      type = EffectType.CONFIRM_STOCK;
      why = "reservation";
    } else if (owed instanceof OwedEffect.ReleaseStock) {
      type = EffectType.RELEASE_STOCK;
      why = "reservation";
    } else if (owed instanceof OwedEffect.Notify n) {
      type = EffectType.NOTIFY;
      target = n.notifier();
      why = n.refundNo() == null ? n.type().name() : REFUNDED_PREFIX + n.refundNo();
      data = Map.of(NOTIFICATION, n.type().name());
    } else if (owed instanceof OwedEffect.StartFulfillment) {
      type = EffectType.START_FULFILLMENT;
      why = "paid";
    } else if (owed instanceof OwedEffect.ClosePayment c) {
      type = EffectType.CLOSE_PAYMENT;
      target = c.paymentNo();
      why = closeWhy(c.reason());
      data = c.reason() == CloseReason.CLOSED_DURING_PREPAY ? Map.of() : Map.of(WHY, why);
    } else {
      type = EffectType.REFUND_PAYMENT;
      target = ((OwedEffect.RefundPayment) owed).refundNo();
      why = "refund";
    }
    String id = orderNo + "/" + type.name() + "/" + (target == null ? ORDER : target) + "/" + why;
    return new Effect(
        id, orderNo, type, target, data, EffectStatus.PENDING, 0, now, null, now, now);
  }

  /**
   * What a stored effect does.
   *
   * @throws PayFlowException {@code BAD_EFFECT} if the store holds fields payflow did not write
   */
  public static OwedEffect decode(Effect e) {
    return switch (e.type()) {
      case CONFIRM_STOCK -> new OwedEffect.ConfirmStock();
      case RELEASE_STOCK -> new OwedEffect.ReleaseStock();
      case START_FULFILLMENT -> new OwedEffect.StartFulfillment();
      case NOTIFY -> {
        NotificationType type = notificationType(e);
        String why = why(e);
        yield new OwedEffect.Notify(
            target(e),
            type,
            type == NotificationType.REFUNDED && why.startsWith(REFUNDED_PREFIX)
                ? why.substring(REFUNDED_PREFIX.length())
                : null);
      }
      case CLOSE_PAYMENT -> new OwedEffect.ClosePayment(target(e), closeReason(e));
      case REFUND_PAYMENT -> new OwedEffect.RefundPayment(target(e));
    };
  }

  private static String closeWhy(CloseReason reason) {
    return switch (reason) {
      case SUPERSEDED -> "superseded";
      case CANCELLED -> "cancelled";
      case EXPIRED -> "expired";
      case CLOSED_DURING_PREPAY -> "closed-during-prepay";
      case GIVEN_UP_DURING_PREPAY -> "given-up-during-prepay";
    };
  }

  private static CloseReason closeReason(Effect e) {
    String why = e.data().getOrDefault(WHY, why(e));
    for (CloseReason reason : CloseReason.values()) {
      if (closeWhy(reason).equals(why)) {
        return reason;
      }
    }
    throw bad(e, "an unknown close reason '" + why + "'");
  }

  private static NotificationType notificationType(Effect e) {
    String name = e.data().get(NOTIFICATION);
    if (name != null) {
      for (NotificationType type : NotificationType.values()) {
        if (type.name().equals(name)) {
          return type;
        }
      }
    }
    throw bad(e, "no known notification type (" + name + ")");
  }

  /** The last segment of the id: why the effect is owed. */
  private static String why(Effect e) {
    return e.id().substring(e.id().lastIndexOf('/') + 1);
  }

  private static String target(Effect e) {
    if (e.target() == null) {
      throw bad(e, "no target");
    }
    return e.target();
  }

  private static PayFlowException bad(Effect e, String what) {
    return new PayFlowException(PayFlowErrorCode.BAD_EFFECT, "effect " + e.id() + " has " + what);
  }
}
