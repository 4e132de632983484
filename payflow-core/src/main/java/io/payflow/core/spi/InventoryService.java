package io.payflow.core.spi;

import io.payflow.core.error.InsufficientStockException;
import io.payflow.core.model.OrderLine;
import java.util.List;

/**
 * The host's stock. Every call is keyed by the order number and is idempotent: calling it again for
 * the same order does nothing more. Implementations are threadsafe.
 */
public interface InventoryService {

  /**
   * Reserves (锁定) the stock of every line, all or nothing.
   *
   * @throws InsufficientStockException if one sku has too little; nothing is then reserved
   */
  void reserve(String orderNo, List<OrderLine> lines);

  /** Confirms (扣减) the order's reservation: the stock is sold. No-op if already confirmed. */
  void confirm(String orderNo);

  /**
   * Releases (释放) the order's reservation back to sale. No-op if already released or never
   * reserved; a confirmed reservation is not released.
   */
  void release(String orderNo);
}
