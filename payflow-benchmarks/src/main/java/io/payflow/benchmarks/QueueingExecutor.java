package io.payflow.benchmarks;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * An executor that only queues what it is given, so that a benchmark measures the answer to a
 * callback (the transition and its effects recorded) and not the effects themselves, which a real
 * host runs on other threads. {@link #drop()} forgets the queue between iterations. Threadsafe.
 */
final class QueueingExecutor extends AbstractExecutorService {

  private final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable command) {
    queued.add(command);
  }

  int queued() {
    return queued.size();
  }

  void drop() {
    queued.clear();
  }

  /** Runs everything queued so far on the calling thread. */
  void runAll() {
    Runnable r;
    while ((r = queued.poll()) != null) {
      r.run();
    }
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
