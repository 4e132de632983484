package io.payflow.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShanghaiTimeTest {

  private TimeZone saved;

  @BeforeEach
  void runInNewYork() {
    saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
  }

  @AfterEach
  void restoreZone() {
    TimeZone.setDefault(saved);
  }

  @Test
  void timeExpireIsChinaTimeWithItsOffsetWhateverTheJvmZone() {
    assertThat(ShanghaiTime.format(Instant.parse("2026-11-24T10:30:00Z")))
        .isEqualTo("2026-11-24T18:30:00+08:00");
  }

  @Test
  void timeExpireCrossesMidnightIntoTheChineseDate() {
    assertThat(ShanghaiTime.format(Instant.parse("2026-11-24T20:15:59.987Z")))
        .isEqualTo("2026-11-25T04:15:59+08:00");
  }

  @Test
  void wechatTimesParseToInstants() {
    assertThat(ShanghaiTime.parse("2026-11-24T18:01:02+08:00"))
        .isEqualTo(Instant.parse("2026-11-24T10:01:02Z"));
    assertThat(ShanghaiTime.parse("not a time")).isNull();
    assertThat(ShanghaiTime.parse(null)).isNull();
  }
}
