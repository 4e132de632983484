package io.payflow.examples.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The numbers of the orders this shop created since it started, newest first, at most {@link
 * #CAPACITY}: what {@code GET /api/orders} pages through until payflow's store can list orders
 * itself. The oldest number is forgotten when a new one would exceed the capacity, so a
 * long-running demo holds a bounded amount of memory.
 *
 * <p>This class is threadsafe.
 */
final class RecentOrders {

  /** How many order numbers are kept. */
  static final int CAPACITY = 1000;

  private final Deque<String> newestFirst = new ArrayDeque<>();

  synchronized void add(String orderNo) {
    newestFirst.addFirst(orderNo);
    while (newestFirst.size() > CAPACITY) {
      newestFirst.removeLast();
    }
  }

  /** Up to {@code limit} numbers from {@code offset} on, newest first. */
  synchronized List<String> page(int offset, int limit) {
    List<String> page = new ArrayList<>(Math.min(limit, newestFirst.size()));
    Iterator<String> it = newestFirst.iterator();
    for (int i = 0; it.hasNext() && page.size() < limit; i++) {
      String orderNo = it.next();
      if (i >= offset) {
        page.add(orderNo);
      }
    }
    return page;
  }
}
