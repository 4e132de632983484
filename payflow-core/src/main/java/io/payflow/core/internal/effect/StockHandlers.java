package io.payflow.core.internal.effect;

import io.payflow.core.internal.flow.OwedEffect;
import io.payflow.core.spi.InventoryService;

/**
 * The stock effects: confirm (扣减) or release (释放) the order's reservation. Both are idempotent in
 * the inventory, keyed by the order number. This class is threadsafe.
 */
public final class StockHandlers {

  private final InventoryService inventory;

  public StockHandlers(InventoryService inventory) {
    this.inventory = inventory;
  }

  public EffectHandler<OwedEffect.ConfirmStock> confirm() {
    return (effect, context) -> inventory.confirm(context.orderNo());
  }

  public EffectHandler<OwedEffect.ReleaseStock> release() {
    return (effect, context) -> inventory.release(context.orderNo());
  }
}
