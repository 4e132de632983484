package io.payflow.core.internal.flow;

import io.payflow.core.model.OrderRecord;
import java.util.List;

/**
 * The outcome of one transaction of an {@link OrderTransactor}.
 *
 * @param record the record as committed, or as loaded when the decision changed nothing
 * @param owedEffectIds the ids of the effects the committed transition owes, to hand to the runner
 */
public record Committed(OrderRecord record, List<String> owedEffectIds) {

  public Committed {
    owedEffectIds = List.copyOf(owedEffectIds);
  }
}
