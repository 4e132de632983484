package io.payflow.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of payflow-core, checked on its main classes.
 *
 * <p>At the bottom lie the values: {@code model} depends on nothing of payflow; {@code effect} and
 * {@code trace} (the outbox's and the flow trace's records) and {@code error} (the error model)
 * only on {@code model}. The contracts a host or a channel implements or listens to ({@code spi},
 * {@code channel}, {@code event}) stand on those alone: never on the facade's package, the
 * in-memory implementations or {@code internal}. The values are more than {@code model} because the
 * fixed {@code OrderStore} SPI takes effects and trace entries and an SPI declares the exceptions
 * it throws. Nothing but {@link PayFlowBuilder} reaches into {@code internal}, and the packages
 * below {@code io.payflow.core} have no cycle. Other modules check in their own tests that they do
 * not use {@code internal}: they see core, core does not see them.
 *
 * <p>Plain JUnit tests rather than {@code @ArchTest} fields: surefire counted those as zero tests
 * in this build, so a broken rule could pass unseen.
 */
class ArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.payflow.core");

  private static final String MODEL = "io.payflow.core.model..";
  private static final String EFFECT = "io.payflow.core.effect..";
  private static final String TRACE = "io.payflow.core.trace..";
  private static final String ERROR = "io.payflow.core.error..";
  private static final String SPI = "io.payflow.core.spi..";
  private static final String CHANNEL = "io.payflow.core.channel..";
  private static final String EVENT = "io.payflow.core.event..";
  private static final String INTERNAL = "io.payflow.core.internal..";

  private static String[] platformAnd(String... packages) {
    return Stream.concat(Stream.of("java..", "org.jspecify.."), Stream.of(packages))
        .toArray(String[]::new);
  }

  @Test
  void modelDependsOnNothingOfPayflow() {
    classes()
        .that()
        .resideInAPackage(MODEL)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(platformAnd(MODEL))
        .because("the model is the shared vocabulary that every other package may use")
        .check(CORE);
  }

  @Test
  void effectTraceAndErrorDependOnlyOnTheModel() {
    classes()
        .that()
        .resideInAnyPackage(EFFECT, TRACE, ERROR)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(platformAnd(MODEL, EFFECT, TRACE, ERROR))
        .because(
            "effects and trace entries are values that stores persist, and every package may"
                + " throw the errors")
        .check(CORE);
  }

  @Test
  void spiChannelAndEventDependOnlyOnTheModelEffectsTraceAndErrors() {
    classes()
        .that()
        .resideInAnyPackage(SPI, CHANNEL, EVENT)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(platformAnd(MODEL, EFFECT, TRACE, ERROR, SPI, CHANNEL, EVENT))
        .because(
            "a host implements the SPIs, and a channel module PaymentChannel, against these values"
                + " alone, never against the facade or its implementation")
        .check(CORE);
  }

  @Test
  void nothingButTheBuilderReachesIntoInternal() {
    noClasses()
        .that()
        .resideOutsideOfPackage(INTERNAL)
        .and()
        .doNotHaveFullyQualifiedName(PayFlowBuilder.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAPackage(INTERNAL)
        .because("internal is the implementation, free to change in any release")
        .check(CORE);
  }

  /**
   * Every package below {@code io.payflow.core}, each sub-package of {@code internal} too, is a
   * slice. The root package is not one: it holds the facade, whose builder makes the implementation
   * in {@code internal} that implements the facade — the one deliberate two-way link, kept to
   * {@link PayFlowBuilder} by {@link #nothingButTheBuilderReachesIntoInternal()}.
   */
  @Test
  void packagesBelowCoreHaveNoCycles() {
    slices().matching("io.payflow.core.(**)").should().beFreeOfCycles().check(CORE);
  }
}
