package io.payflow.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.spi.contract.OrderNumberGeneratorContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default generator passes the {@link OrderNumberGeneratorContract} with a fixed clock (every
 * number in the same second: a flash sale), and stamps China time whatever the JVM's zone.
 */
class TimeBasedNumberGeneratorTest extends OrderNumberGeneratorContract {

  /** 18:30:00 in Shanghai; 02:30 in Los Angeles, the day before in some zones. */
  private static final Instant INSTANT = Instant.parse("2026-11-24T10:30:00Z");

  private TimeZone defaultZone;

  @Override
  protected OrderNumberGenerator createGenerator() {
    return new TimeBasedNumberGenerator(Clock.fixed(INSTANT, ZoneOffset.UTC));
  }

  @BeforeEach
  void useAZoneFarFromChina() {
    // surefire runs in UTC; a zone on the other side of the date line shows a formatter that
    // silently falls back to the JVM's zone
    defaultZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
  }

  @AfterEach
  void restoreZone() {
    TimeZone.setDefault(defaultZone);
  }

  @Test
  void orderNumberIsChinaTimeToTheSecondThenEightDigits() {
    // given a clock in UTC and a JVM in Los Angeles
    OrderNumberGenerator generator = createGenerator();

    // when
    String orderNo = generator.newOrderNo();

    // then
    assertThat(orderNo).hasSize(22).startsWith("20261124183000").matches("[0-9]{22}");
  }

  @Test
  void orderNumberHasAsciiDigitsWhateverTheJvmsLocale() {
    // given a JVM whose default locale writes other digits (Arabic-Indic: ٠١٢٣)
    Locale defaultLocale = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("ar-EG"));
    try {
      // when
      String orderNo = createGenerator().newOrderNo();

      // then WeChat's out_trade_no alphabet still holds
      assertThat(orderNo).matches("[0-9]{22}");
    } finally {
      Locale.setDefault(defaultLocale);
    }
  }

  @Test
  void chinaDateIsUsedAcrossMidnight() {
    // given 16:30 UTC on 31 December, which is already 1 January 00:30 in Shanghai
    OrderNumberGenerator generator =
        new TimeBasedNumberGenerator(
            Clock.fixed(Instant.parse("2026-12-31T16:30:05Z"), ZoneOffset.UTC));

    // then
    assertThat(generator.newOrderNo()).startsWith("20270101003005");
  }

  @Test
  void orderNumbersMadeInOneSecondNeverRepeat() {
    // given every number in the same second: with 8 random digits alone, 50,000 numbers hold
    // about 12 repeats, so this fails (p > 0.99999) if the generator forgets what it gave out
    OrderNumberGenerator generator = createGenerator();
    Set<String> seen = new HashSet<>();

    // when
    for (int i = 0; i < 50_000; i++) {
      seen.add(generator.newOrderNo());
    }

    // then
    assertThat(seen).hasSize(50_000);
  }

  @Test
  void numbersOfTheNextSecondCarryTheNextStamp() {
    // given the generator forgets given-out digits when the second changes (to stay small): the
    // stamp must then keep the numbers of different seconds apart
    MutableClock clock = new MutableClock(INSTANT);
    OrderNumberGenerator generator = new TimeBasedNumberGenerator(clock);
    String first = generator.newOrderNo();

    // when
    clock.now = INSTANT.plusSeconds(1);
    String next = generator.newOrderNo();

    // then
    assertThat(first).startsWith("20261124183000");
    assertThat(next).startsWith("20261124183001");
  }

  @Test
  void paymentAndRefundNumbersAreTheOrderNumberWithKindAndAttempt() {
    OrderNumberGenerator generator = createGenerator();
    String orderNo = generator.newOrderNo();

    assertThat(generator.newPaymentNo(orderNo, 1)).isEqualTo(orderNo + "P1");
    assertThat(generator.newPaymentNo(orderNo, 12)).isEqualTo(orderNo + "P12");
    assertThat(generator.newRefundNo(orderNo, 3)).isEqualTo(orderNo + "R3");
  }

  @Test
  void attemptBelowOneIsRefused() {
    OrderNumberGenerator generator = createGenerator();

    assertThatThrownBy(() -> generator.newPaymentNo("20261124183000123456789", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempt");
  }

  @Test
  void longForeignOrderNumberIsCutSoThatTheSuffixStillFits() {
    // given an order number a host made itself, already at WeChat's limit
    OrderNumberGenerator generator = createGenerator();
    String orderNo = "A".repeat(32);

    // when
    String paymentNo = generator.newPaymentNo(orderNo, 7);

    // then the attempt survives, so attempts stay distinct
    assertThat(paymentNo).hasSize(32).endsWith("P7");
  }

  /** A clock a test moves by hand. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
