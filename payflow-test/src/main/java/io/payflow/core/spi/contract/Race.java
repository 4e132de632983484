package io.payflow.core.spi.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs tasks on several threads released together by one gate, so that they really overlap, and
 * collects what each returned or threw. No sleeping: the gate is a latch.
 */
final class Race {

  /** What one task returned, or what it threw. */
  record Outcome<T>(T value, Throwable failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  private Race() {}

  /**
   * Runs {@code tasks} tasks made by {@code task} on {@code threads} threads, all started at once.
   * Fails if they do not finish within a minute (a deadlock in the implementation under test).
   */
  static <T> List<Outcome<T>> run(int threads, int tasks, IntFunction<Callable<T>> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(Math.min(threads, tasks));
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        Callable<T> body = task.apply(i);
        boolean gated = i < threads;
        futures.add(
            pool.submit(
                () -> {
                  if (gated) {
                    ready.countDown();
                    go.await();
                  }
                  return body.call();
                }));
      }
      if (!ready.await(1, TimeUnit.MINUTES)) {
        throw new AssertionError("the racing threads did not start");
      }
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          outcomes.add(new Outcome<>(f.get(1, TimeUnit.MINUTES), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        }
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("a racing task did not finish within a minute: a deadlock?", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
