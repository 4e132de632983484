package io.payflow.wechat.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulator plays for one call of an endpoint, set with {@link
 * WechatPaySimulator#failNext(Endpoint, Fault)}.
 *
 * @param kind what goes wrong
 * @param delay how long the answer is held back, for {@link Kind#DELAYED_RESPONSE}; zero otherwise
 */
public record Fault(Kind kind, Duration delay) {

  /** What goes wrong. */
  public enum Kind {
    /** 500 {@code SYSTEM_ERROR}; the request is not processed, as WeChat asks for a retry. */
    SYSTEM_ERROR,
    /** 429 {@code FREQUENCY_LIMITED}; the request is not processed. */
    FREQUENCY_LIMITED,
    /**
     * The request IS processed (an order is created, closed or refunded) but the answer is held
     * back, so that a client with a shorter read timeout gives up without knowing the outcome.
     */
    DELAYED_RESPONSE
  }

  /** Checks the delay. */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
  }

  /**
   * Returns a 500 {@code SYSTEM_ERROR}.
   *
   * @return the fault
   */
  public static Fault systemError() {
    return new Fault(Kind.SYSTEM_ERROR, Duration.ZERO);
  }

  /**
   * Returns a 429 {@code FREQUENCY_LIMITED}.
   *
   * @return the fault
   */
  public static Fault frequencyLimited() {
    return new Fault(Kind.FREQUENCY_LIMITED, Duration.ZERO);
  }

  /**
   * Returns a normal answer held back by {@code delay}, to provoke a client read timeout.
   *
   * @param delay how long to hold the answer back
   * @return the fault
   */
  public static Fault delayedResponse(Duration delay) {
    return new Fault(Kind.DELAYED_RESPONSE, delay);
  }
}
