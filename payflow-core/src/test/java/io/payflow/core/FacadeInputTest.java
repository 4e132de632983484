package io.payflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payflow.core.channel.CallbackAnswer;
import io.payflow.core.channel.CallbackRequest;
import io.payflow.core.error.InvalidRequestException;
import io.payflow.core.event.CallbackRejected;
import io.payflow.core.testing.FakeChannel;
import io.payflow.core.testing.Shop;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Null arguments to the facade are refused with the field named, never a NullPointerException. */
class FacadeInputTest {

  private final Shop shop = new Shop();

  @AfterEach
  void closeShop() {
    shop.close();
  }

  @Test
  void traceDiagramOfNoOrderNumberNamesTheField() {
    assertInvalid(() -> shop.flow.traceDiagram(null), "orderNo");
    assertInvalid(() -> shop.flow.traceDiagram(" "), "orderNo");
  }

  @Test
  void nullListenerNamesTheField() {
    assertInvalid(() -> shop.flow.addListener(null), "listener");
  }

  @Test
  void awaitingEffectsWithoutATimeoutNamesTheField() {
    assertInvalid(() -> shop.flow.awaitEffects(null), "timeout");
  }

  @Test
  void callbackWithoutBodyOrHeadersIsAnsweredWith400AndChangesNothing() {
    CallbackAnswer noBody =
        shop.flow.handleCallback(FakeChannel.ID, new CallbackRequest(null, null));

    assertThat(noBody.status()).isEqualTo(400);
    assertThat(shop.events.of(CallbackRejected.class)).hasSize(1);
  }

  private static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
