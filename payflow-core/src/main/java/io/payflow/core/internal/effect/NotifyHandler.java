package io.payflow.core.internal.effect;

import io.payflow.core.error.PayFlowErrorCode;
import io.payflow.core.error.PayFlowException;
import io.payflow.core.internal.flow.FlowStep;
import io.payflow.core.internal.flow.Notifications;
import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.model.Order;
import io.payflow.core.spi.Notification;
import io.payflow.core.spi.Notifier;

/**
 * Delivers one notification through its notifier, with the effect's id as the idempotency key, and
 * draws it in the trace. This class is threadsafe.
 */
public final class NotifyHandler implements EffectHandler<OwedEffect.Notify> {

  private final Notifications notifications;

  public NotifyHandler(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void handle(OwedEffect.Notify effect, EffectContext context) throws Exception {
    Notifier notifier =
        notifications
            .named(effect.notifier())
            .orElseThrow(
                () ->
                    new PayFlowException(
                        PayFlowErrorCode.UNKNOWN_NOTIFIER,
                        "no notifier named " + effect.notifier() + " is configured"));
    Order order = context.load().order();
    notifier.send(new Notification(context.effect().id(), effect.type(), order));
    context.trace(new FlowStep.Notified(effect.type(), notifier.name(), notifier.audience()));
  }
}
