package io.payflow.wechat.testkit.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What the simulator answers to one request, before it is signed. */
record Answer(int status, String body, @Nullable String errorCode, Duration delay) {

  static Answer ok(String body) {
    return new Answer(200, body, null, Duration.ZERO);
  }

  static Answer noContent() {
    return new Answer(204, "", null, Duration.ZERO);
  }

  Answer delayedBy(Duration by) {
    return new Answer(status, body, errorCode, by);
  }
}
