package io.payflow.core.testing;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An effect executor that runs each task on the caller's thread, or refuses every task while {@link
 * #rejecting} is set — as a pool does while it shuts down. Threadsafe.
 */
public final class SwitchableExecutor extends AbstractExecutorService {

  public volatile boolean rejecting;

  @Override
  public void execute(Runnable command) {
    if (rejecting) {
      throw new RejectedExecutionException("rejecting (test)");
    }
    command.run();
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
