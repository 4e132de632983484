package io.payflow.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-24T18:01:02+08:00",
        "2026-11-24T18:01:02-05:30",
        "2026-11-24T00:00:00+00:00",
        "2026-11-24T18:01:02-00:00",
        "2024-02-29T23:59:59+08:00",
        "1999-12-31T23:59:59+14:00",
        "2026-11-24T18:01:02.5+08:00",
        "2026-11-24T10:01:02Z"
      })
  void fastReadingOfWechatsFormAgreesWithTheIsoParser(String text) {
    assertThat(ShanghaiTime.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30T18:01:02+08:00",
        "2025-02-29T18:01:02+08:00",
        "2026-11-24T24:00:00+08:00",
        "2026-11-24T18:60:02+08:00",
        "2026-11-24T18:01:60+08:00",
        "2026-13-24T18:01:02+08:00",
        "2026-11-24T18:01:02+19:00",
        "2026-11-24 18:01:02+08:00",
        "2026-11-24T18:01:02*08:00",
        "2026-1a-24T18:01:02+08:00",
        "２026-11-24T18:01:02+08:00"
      })
  void textOfWechatsLengthThatIsNoValidTimeIsNull(String text) {
    assertThat(ShanghaiTime.parse(text)).isNull();
  }
}
