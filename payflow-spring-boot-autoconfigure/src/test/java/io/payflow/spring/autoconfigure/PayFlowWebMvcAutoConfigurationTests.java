package io.payflow.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.payflow.core.PayFlow;
import io.payflow.core.channel.PaymentChannel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class PayFlowWebMvcAutoConfigurationTests {

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigs.all())
          .withBean(PayFlow.class, RecordingPayFlow::new);

  @Test
  void aServletAppGetsTheCallbackEndpoint() {
    web.run(context -> assertThat(context).hasSingleBean(PayFlowCallbackController.class));
  }

  @Test
  void aHostEndpointReplacesOurs() {
    PayFlowCallbackController host =
        new PayFlowCallbackController(new RecordingPayFlow(), "wechat");
    web.withBean(PayFlowCallbackController.class, () -> host)
        .run(
            context -> assertThat(context).getBean(PayFlowCallbackController.class).isSameAs(host));
  }

  @Test
  void noEndpointWhenWechatIsDisabled() {
    web.withPropertyValues("payflow.wechat.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(PayFlowCallbackController.class));
  }

  @Test
  void noEndpointOutsideAWebApp() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigs.all())
        .withBean(PayFlow.class, RecordingPayFlow::new)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(PayFlowCallbackController.class);
              assertThat(context).hasSingleBean(PayFlow.class);
            });
  }

  @Test
  void withoutSpringMvcTheEndpointIsAbsentAndTheRestWorks() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigs.all())
        .withBean(PaymentChannel.class, () -> new StubChannel("stub"))
        .withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(PayFlowCallbackController.class);
              assertThat(context)
                  .hasSingleBean(PayFlow.class)
                  .hasSingleBean(PayFlowScheduler.class);
            });
  }
}
