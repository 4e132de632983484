package io.payflow.core.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputsTest {

  @Test
  void textThatShowsNothingIsBlank() {
    for (String blank :
        new String[] {
          null,
          "",
          " ",
          "\t\r\n",
          "\u00A0",
          "\u2003",
          "\u2002\u2009",
          "\u3000",
          "\u200B",
          "\uFEFF",
          "\u202F\u205F",
          "\u00A0\u200B\u3000"
        }) {
      assertThat(Inputs.isBlank(blank)).as("%s", blank).isTrue();
    }
  }

  @Test
  void textWithAnythingVisibleIsNotBlank() {
    for (String text : new String[] {"a", " a ", "\u3000用户\u3000", "\u200B1", "😀", "\u00A0-"}) {
      assertThat(Inputs.isBlank(text)).as("%s", text).isFalse();
    }
  }
}
