package com.example.shop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * What this module shows holds only if its tests stay on what a host may use: payflow's public API,
 * payflow-test and the simulator; no {@code internal} package and none of payflow-core's own test
 * fixtures.
 */
class HostUsesNoInternalsTest {

  @Test
  void hostTestsUseNeitherInternalsNorCoreOwnFixtures() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.payflow.core.testing.Shop")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.payflow.core.testing.TestData")
        .check(new ClassFileImporter().importPackages("com.example.shop"));
  }
}
